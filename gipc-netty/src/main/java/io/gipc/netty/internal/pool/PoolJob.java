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
     * The message that asks a worker to run it: with the task whole, or only its number if this worker was sent
     * it whole before (see {@link TaskCatalog}).
     *
     * @param to the worker it goes to; told here that it now knows the task
     * @return a value of {@link WireMessages}
     */
    Object message(PoolWorker to) {
        int number = taskNumber();
        if (number == TaskCatalog.NONE) {
            return message(number, task());
        }
        if (to.knownTasks.get(number)) {
            return message(number, null);
        }
        to.knownTasks.set(number);
        return message(number, task());
    }

    /**
     * The message, as checked on the submitter's thread: the task whole only if it is not numbered.
     *
     * @return a value of {@link WireMessages}
     */
    Object messageToCheck() {
        return message(taskNumber(), taskNumber() == TaskCatalog.NONE ? task() : null);
    }

    /**
     * The message with the task or without it.
     *
     * @param number the task's number
     * @param task the task, or null to send only its number
     * @return a value of {@link WireMessages}
     */
    abstract Object message(int number, Object task);

    /**
     * The task.
     *
     * @return the task object
     */
    abstract Object task();

    /**
     * The task's number in the pool's {@link TaskCatalog}.
     *
     * @return the number, or {@link TaskCatalog#NONE}
     */
    abstract int taskNumber();

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
