package io.gipc.netty.internal.posix;

import java.nio.ByteOrder;

/**
 * Waits on the calling thread until one descriptor has something to read: poll(2), bound through JNA's direct
 * mapping (a static native method, much cheaper per call than {@link LibC}'s interface binding, which matters on
 * the message path), for a thread that blocks on
 * a get and would rather wake when its message arrives than be woken by an event loop that read it.
 */
public final class Readiness {
    /** {@code short events} of a {@code struct pollfd} seen as the int after its {@code int fd}. */
    private static final int EVENTS_WORD = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
            ? PosixConstants.Poll.POLLIN
            : PosixConstants.Poll.POLLIN << 16;

    private Readiness() {}

    /**
     * @return true if poll(2) could be bound (JNA loads), false if callers must wait some other way
     */
    public static boolean isAvailable() {
        return DirectMapped.LOADED;
    }

    /**
     * Waits until {@code fd} is readable, at its end of stream, hung up or in error, or the time is up.
     *
     * @param fd the descriptor
     * @param timeoutMillis the longest wait, 0 or more
     * @return true if something is there to read (or to report); false if the time is up, a signal interrupted
     *     the wait, or poll(2) failed: the caller looks again
     * @throws IllegalStateException if {@link #isAvailable()} is false
     */
    public static boolean awaitReadable(int fd, int timeoutMillis) {
        if (!DirectMapped.LOADED) {
            throw new IllegalStateException("poll(2) could not be bound through JNA");
        }
        int[] pollfd = {fd, EVENTS_WORD}; // struct pollfd { int fd; short events; short revents; }
        return DirectMapped.poll(pollfd, 1, timeoutMillis) > 0;
    }
}
