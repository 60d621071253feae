package io.gipc.examples.showcase;

/**
 * Why the pool could not answer a request; the HTTP layer turns the {@link Reason} into a status code.
 */
public final class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, each with its HTTP status. */
    public enum Reason {
        /** The task itself threw in the worker (the worker lives on): 500. */
        TASK_FAILED(500, "Internal Server Error"),
        /** The worker died while computing the request; a new one is started: 502. */
        WORKER_DIED(502, "Bad Gateway"),
        /** No worker can take the request (all busy and the queue full, or the server stopping): 503. */
        UNAVAILABLE(503, "Service Unavailable"),
        /** The worker gave no answer in time; it is killed and a new one is started: 504. */
        TIMED_OUT(504, "Gateway Timeout");

        private final int status;
        private final String phrase;

        Reason(int status, String phrase) {
            this.status = status;
            this.phrase = phrase;
        }

        /**
         * The HTTP status code.
         *
         * @return the code
         */
        public int status() {
            return status;
        }

        /**
         * The HTTP reason phrase.
         *
         * @return the phrase
         */
        public String phrase() {
            return phrase;
        }
    }

    /** Why the job failed. */
    private final Reason reason;

    /**
     * A failure.
     *
     * @param reason its kind
     * @param message what a client should read
     */
    public JobFailedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /**
     * The kind of failure.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
