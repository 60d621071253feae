package io.gipc;

/**
 * One end of a pipe; Python gipc's {@code _GIPCHandle}.
 *
 * <p>A handle is <em>locked</em> exactly while one of its {@code get()} or {@code put()} futures is pending.
 * Every handle of this JVM that is open is listed by {@link Gipc#openHandles()}.
 *
 * <p>{@link Object#toString()} names the handle for people reading logs and test reports: its type, a number
 * unique in this JVM, its descriptor, and its state: open, closed, or locked with how many {@code get()} and
 * {@code put()} calls are pending and for how long, for example
 * {@code GipcReader#3 (fd 17) [locked: 1 get() pending for 2.0 s]}. The format is for reading, not parsing.
 */
public interface GipcHandle extends AutoCloseable {
    /**
     * Closes this handle and its descriptor, and removes it from {@link Gipc#openHandles()}.
     *
     * <p>Bytes this end already wrote stay readable by the other end. The call returns once the descriptor is
     * closed, except on an event-loop thread, where the close completes when the loop gets to it.
     *
     * @throws GipcClosedException if the handle is already closed
     * @throws GipcLockedException if a {@code get()} or {@code put()} is pending on it; the handle stays open (off
     *     the event loops, a put whose bytes are written is first given up to 20 ms to settle)
     */
    @Override
    void close();

    /**
     * Tells whether {@link #close()} was called, or the handle was transferred to a child process.
     *
     * @return true once the handle is closed
     */
    boolean isClosed();

    /**
     * Tells whether a {@code get()} or {@code put()} of this handle is pending.
     *
     * @return true while the handle is locked
     */
    boolean isLocked();
}
