package io.gipc;

import java.time.Duration;

/**
 * A started child process; Python gipc's {@code _GProcess}, and a {@link Process}.
 *
 * <p>It is watched on gipc's event loop, not by a thread of its own, and reaped as soon as it ends, joined or
 * not: no child stays a zombie. Its stdin, stdout and stderr are the parent's (unless
 * {@link GProcessBuilder#redirectOutput(java.nio.file.Path)} or
 * {@link GProcessBuilder#redirectError(java.nio.file.Path)} sent them to files), so the streams of
 * {@link Process} are empty. Exit codes: 0 when the target returned, 1 when it threw, {@code n} for
 * {@code System.exit(n)}, and {@code -N} from {@link #exitCode()} for death by signal {@code N} (where
 * {@link #exitValue()} gives {@code 128 + N}, Java's convention).
 *
 * <p>Not {@link AutoCloseable}: {@link #close()} releases what gipc keeps of an ended child, as
 * {@code multiprocessing.Process.close()} does.
 */
public abstract class GProcess extends Process {

    /** For implementations of gipc. */
    protected GProcess() {}

    /**
     * The name given at start, or {@code GProcess-N}.
     *
     * @return the name
     */
    public abstract String name();

    /**
     * Whether the child is a daemon: terminated when this JVM exits, and ending by itself when this JVM dies.
     * A non-daemon child is waited for at a normal JVM exit.
     *
     * @return the daemon flag given at start
     */
    public abstract boolean isDaemon();

    /**
     * The exit code, or null while the child runs (Python gipc's {@code exitcode}).
     *
     * @return the exit code, negative for death by signal
     * @throws IllegalStateException after {@link #close()}
     */
    public abstract Integer exitCode();

    /**
     * A future of the exit code, completed on the event loop when the child ends.
     *
     * @return the exit code's future; it cannot be cancelled
     * @throws IllegalStateException after {@link #close()}
     */
    public abstract GipcFuture<Integer> join();

    /**
     * A future of the exit code, or of null if the child still runs when {@code timeout} is up.
     *
     * @param timeout how long to wait
     * @return the exit code's future, completed with null at the timeout
     * @throws IllegalStateException after {@link #close()}
     */
    public abstract GipcFuture<Integer> join(Duration timeout);

    /** Sends SIGTERM. Does nothing once the child has ended. */
    public abstract void terminate();

    /** Sends SIGKILL. Does nothing once the child has ended. */
    public abstract void kill();

    /**
     * Releases what gipc keeps of an ended child. Afterwards {@link #isAlive()}, {@link #join()} and
     * {@link #exitCode()} throw {@link IllegalStateException}.
     *
     * @throws IllegalStateException while the child runs
     */
    public abstract void close();
}
