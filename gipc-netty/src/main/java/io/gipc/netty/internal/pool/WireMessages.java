package io.gipc.netty.internal.pool;

import java.util.List;

/**
 * The messages between a pool and one of its workers: ordinary values of the default codec, put on the worker's
 * duplex pipe. A task's arguments and result are fields of these messages, so whatever a message may carry,
 * a task may take and return. A worker answers the tasks and batches it is sent in the order it was sent them,
 * so replies carry no id: a reply is for the oldest task not answered yet. Each task names its slot in the
 * worker's {@link ClaimBoard}, which says whether the worker may still start it.
 */
final class WireMessages {
    private WireMessages() {}

    /** Bare signals, each one enum constant on the wire. */
    enum Signal {
        /** Worker to pool: initialized, waiting for tasks. */
        READY,
        /** Pool to worker: exit with 0. */
        STOP,
        /**
         * Worker to pool: the task was withdrawn before it started (by the pool, or by the worker for a batch of a
         * map that failed); it did not run.
         */
        SKIPPED
    }

    /**
     * Pool to worker: run one task.
     *
     * @param taskNumber the task's number in the pool's {@link TaskCatalog}, or {@link TaskCatalog#NONE}
     * @param task a {@code GipcTask0}, {@code GipcTask1} or {@code GipcTask2}; null for a numbered task this
     *        worker was sent before, which it keeps
     * @param a the first argument (unused by a {@code GipcTask0})
     * @param b the second argument (used by a {@code GipcTask2} only)
     * @param slot its slot in the worker's {@link ClaimBoard}
     */
    record Call(int taskNumber, Object task, Object a, Object b, int slot) {}

    /**
     * Pool to worker: run a {@code GipcTask1} on each input, in order, stopping at the first failure.
     *
     * @param taskNumber as in {@link Call}
     * @param task as in {@link Call}
     * @param inputs the inputs
     * @param slot as in {@link Call}
     * @param map which {@code map} call it belongs to: after a batch failed, the worker skips the later batches
     *        of the same map it was sent (it withdraws them itself)
     */
    record Batch(int taskNumber, Object task, List<Object> inputs, int slot, long map) {}

    /**
     * Pool to worker: several {@link Call}s and {@link Batch}es at once (one write and one read for all of them),
     * each taken in turn as if it had come alone, and answered in that order.
     *
     * @param messages the messages, oldest first
     * @param answersMayWait whether the worker may hold its answers to these a moment and send several in one
     *        {@link Answers} (false while tasks are timed: the pool times a task from the answer before it)
     */
    record Several(List<Object> messages, boolean answersMayWait) {}

    /**
     * Pool to worker, inside a {@link Several}: a run of {@link Call}s of one numbered task the worker already
     * keeps, in consecutive slots, packed into one value (the codec then writes each argument, not a record per
     * task). The worker takes it as the {@link Call}s it stands for ({@link PackedMessages#unpack}).
     *
     * @param taskNumber the task's number in the pool's {@link TaskCatalog}
     * @param firstSlot the first call's slot; call {@code i} has slot {@code (firstSlot + i) % ClaimBoard.SLOTS}
     * @param as the first argument of each call, in order (nulls kept)
     * @param bs the second argument of each call, or null if every call's is null
     */
    record Calls(int taskNumber, int firstSlot, List<Object> as, List<Object> bs) {
        /** Checked as it is decoded too: a malformed one fails its message with what was wrong, not a worker. */
        Calls {
            if (firstSlot < 0 || firstSlot >= ClaimBoard.SLOTS) {
                throw new IllegalArgumentException(
                        "packed calls: first slot " + firstSlot + " outside 0.." + (ClaimBoard.SLOTS - 1));
            }
            if (as == null || (bs != null && bs.size() != as.size())) {
                throw new IllegalArgumentException("packed calls: "
                        + (as == null
                                ? "no first arguments"
                                : as.size() + " first arguments but " + bs.size() + " second ones"));
            }
        }
    }

    /**
     * Worker to pool: several answers at once, oldest first, each what the worker would have sent alone
     * ({@link Outcome}, {@link BatchOutcome}, {@link Unreadable} or {@link Signal#SKIPPED}).
     *
     * @param answers the answers
     */
    record Answers(List<Object> answers) {}

    /**
     * Worker to pool: several answers at once, each of a {@link Call} that returned: its value, oldest first. The
     * same as {@link Answers} of {@link Outcome}s without failures, in fewer bytes (no record per answer).
     *
     * @param values the values (nulls kept)
     */
    record Values(List<Object> values) {}

    /**
     * Worker to pool: how a {@link Call} ended.
     *
     * @param value the result, if it returned
     * @param failure what it threw, or null if it returned
     */
    record Outcome(Object value, Throwable failure) {}

    /**
     * Worker to pool: how a {@link Batch} ended.
     *
     * @param results the results of the inputs that returned, in order
     * @param failure what the next input threw, or null if every input returned
     */
    record BatchOutcome(List<Object> results, Throwable failure) {}

    /**
     * Worker to pool: the message it was sent could not be rebuilt (a class missing from its class path, say);
     * it was the current task's.
     *
     * @param reason what the codec said
     */
    record Unreadable(String reason) {}

    /**
     * Worker to pool: the initializer threw; the worker exits next.
     *
     * @param failure what it threw
     */
    record InitFailed(Throwable failure) {}
}
