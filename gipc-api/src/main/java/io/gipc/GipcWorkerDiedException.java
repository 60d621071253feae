package io.gipc;

/**
 * The worker process running a task ended before the task did: it called {@code System.exit}, was killed by a
 * signal, or crashed. The failure of that task's future only: the {@link GipcPool} starts a new worker in its
 * place and goes on with its other tasks (unlike {@code concurrent.futures}' {@code BrokenProcessPool}, which
 * fails every pending task).
 */
public class GipcWorkerDiedException extends GipcException {
    private static final long serialVersionUID = 1L;

    /** The worker's exit code, as {@link GProcess#exitCode()}. */
    private final int exitCode;
    /** The worker's process id, or -1. */
    private final long pid;

    /**
     * An exception for a worker that ended with {@code exitCode}.
     *
     * @param message what happened, naming the worker, its pid and the task
     * @param exitCode the worker's exit code, as {@link GProcess#exitCode()}: {@code -N} for death by signal N
     */
    public GipcWorkerDiedException(String message, int exitCode) {
        this(message, exitCode, -1);
    }

    /**
     * An exception for the worker {@code pid} that ended with {@code exitCode}.
     *
     * @param message what happened, naming the worker, its pid and the task
     * @param exitCode the worker's exit code, as {@link GProcess#exitCode()}: {@code -N} for death by signal N
     * @param pid the worker's process id
     */
    public GipcWorkerDiedException(String message, int exitCode, long pid) {
        super(message);
        this.exitCode = exitCode;
        this.pid = pid;
    }

    /**
     * The process id of the worker that died, for a log line or an error page.
     *
     * @return the pid, or -1 if not known
     */
    public long pid() {
        return pid;
    }

    /**
     * The worker's exit code, as {@link GProcess#exitCode()}: {@code n} for {@code System.exit(n)}, {@code -N}
     * for death by signal {@code N} ({@code -9} for SIGKILL).
     *
     * @return the exit code
     */
    public int exitCode() {
        return exitCode;
    }
}
