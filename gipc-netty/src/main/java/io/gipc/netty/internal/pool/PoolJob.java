package io.gipc.netty.internal.pool;

/**
 * What the pool hands to one worker at a time: a submitted task ({@link SingleTask}) or one batch of a
 * {@code map} ({@link MapRun.Batch}). Its fields and methods are used under the pool's lock; what they return
 * to run (completing futures) runs after the lock is released.
 */
abstract class PoolJob {
    enum State {
        /** In the pool's queue. */
        QUEUED,
        /** Sent to {@link #worker}, not answered yet. */
        RUNNING,
        /** Answered, failed, or cancelled: nothing more happens to it. */
        DONE
    }

    State state = State.QUEUED;
    /** The worker running it, while {@link State#RUNNING}. */
    PoolWorker worker;

    /**
     * The message that asks a worker to run it.
     *
     * @return a value of {@link WireMessages}
     */
    abstract Object message();

    /**
     * The task, for log lines.
     *
     * @return the task object
     */
    abstract Object task();

    /**
     * The future this job settles (a map's batches share one).
     *
     * @return the future
     */
    abstract PoolFuture<?> future();

    /**
     * The worker answered.
     *
     * @param answer an {@link WireMessages.Outcome} or {@link WireMessages.BatchOutcome}
     * @param tally the pool's counters
     * @return what to run once the lock is released, or null
     */
    abstract Runnable answered(Object answer, PoolTally tally);

    /**
     * It ends without an answer (its worker died, it timed out, the pool was shut down now).
     *
     * @param failure the failure of its future
     * @param tally the pool's counters
     * @return what to run once the lock is released, or null
     */
    abstract Runnable failed(Throwable failure, PoolTally tally);
}
