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
        /** Sent to {@link #worker}, not answered yet: running, or sent ahead and waiting there (see {@link #slot}). */
        RUNNING,
        /** Answered, failed, or cancelled: nothing more happens to it. */
        DONE
    }

    private final Object task;
    private final int taskNumber;

    State state = State.QUEUED;
    /** Its place in the order jobs were submitted in. */
    long seq;
    /** The worker it was sent to, while {@link State#RUNNING}. */
    PoolWorker worker;
    /** {@link System#nanoTime()} when it was sent to its worker: its run starts then, or when its worker answers the task before it. */
    long sentAtNanos;
    /** Its slot in {@link #worker}'s {@link ClaimBoard}, while {@link State#RUNNING}. */
    int slot;
    /**
     * Whether its message holds handles: then it is never sent ahead, nor sent a second time (its handles leave
     * with the first message). True until a check on the submitter's thread said otherwise.
     */
    boolean holdsHandles = true;
    /**
     * About how many bytes its arguments or inputs take in a message, once known (0 if not): a message of tasks
     * sent ahead holds about {@link NettyGipcPool#MESSAGE_BYTES} at most, and a large task is sent ahead no
     * further than {@link NettyGipcPool#AHEAD_LARGE}.
     */
    int approxBytes;

    /**
     * @param task the task it runs
     * @param taskNumber the task's number in the pool's {@link TaskCatalog}, or {@link TaskCatalog#NONE}
     */
    PoolJob(Object task, int taskNumber) {
        this.task = task;
        this.taskNumber = taskNumber;
    }

    /**
     * The message that asks a worker to run it: with the task whole, or only its number if this worker was sent
     * it whole before (see {@link TaskCatalog}).
     *
     * @param to the worker it goes to; told here that it now knows the task
     * @param slot its slot in that worker's {@link ClaimBoard}
     * @return a value of {@link WireMessages}
     */
    Object message(PoolWorker to, int slot) {
        int number = taskNumber();
        if (number == TaskCatalog.NONE) {
            return message(number, task(), slot);
        }
        if (to.knownTasks.get(number)) {
            return message(number, null, slot);
        }
        to.knownTasks.set(number);
        return message(number, task(), slot);
    }

    /**
     * The message, as checked on the submitter's thread: the task whole only if it is not numbered.
     *
     * @return a value of {@link WireMessages}
     */
    Object messageToCheck() {
        return message(taskNumber(), taskNumber() == TaskCatalog.NONE ? task() : null, 0);
    }

    /**
     * The message with the task or without it.
     *
     * @param number the task's number
     * @param task the task, or null to send only its number
     * @param slot its slot in the worker's {@link ClaimBoard}
     * @return a value of {@link WireMessages}
     */
    abstract Object message(int number, Object task, int slot);

    /**
     * Whether its message surely encodes and holds no handle: its task is numbered (shown to encode) and its
     * arguments or inputs are absent, strings, or boxed primitives.
     *
     * @return true if there is nothing to check before it is sent
     */
    boolean plain() {
        return false;
    }

    /**
     * About how many bytes its plain arguments or inputs take in a message (see {@link #plain()}).
     *
     * @return the estimate
     */
    int plainBytes() {
        return 0;
    }

    /** @return about how many bytes a plain value takes in a message: a string up to 3 per character */
    static int plainBytes(Object value) {
        return value instanceof String ? 3 * ((String) value).length() + 8 : 10;
    }

    /** @return whether a value always encodes and holds no handle: null, a string or a boxed primitive */
    static boolean plainValue(Object value) {
        return value == null
                || value instanceof String
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Float;
    }

    /**
     * The task.
     *
     * @return the task object
     */
    final Object task() {
        return task;
    }

    /**
     * The task's number in the pool's {@link TaskCatalog}.
     *
     * @return the number, or {@link TaskCatalog#NONE}
     */
    final int taskNumber() {
        return taskNumber;
    }

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
