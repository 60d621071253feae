package io.gipc;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A task of a {@link GipcPool} ran longer than the pool's {@link GipcPoolBuilder#taskTimeout(Duration)}: its
 * worker was killed, and a new one takes its place. A {@link TimeoutException}, so code that checks for that
 * class sees it as one.
 */
public class GipcTaskTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** The limit the task ran past. */
    private final Duration timeout;
    /** The killed worker's process id. */
    private final long pid;

    /**
     * An exception for a task that ran past {@code timeout} on worker {@code pid}.
     *
     * @param message what happened, naming the task, the worker and its pid
     * @param timeout the pool's task timeout
     * @param pid the process id of the worker that was killed
     */
    public GipcTaskTimeoutException(String message, Duration timeout, long pid) {
        super(message);
        this.timeout = timeout;
        this.pid = pid;
    }

    /**
     * The pool's task timeout.
     *
     * @return the limit the task ran past
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The process id of the worker that ran the task, and was killed.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }
}
