package io.gipc.netty.internal.pool;

import java.util.List;

/**
 * The messages between a pool and one of its workers: ordinary values of the default codec, put on the worker's
 * duplex pipe. A task's arguments and result are fields of these messages, so whatever a message may carry,
 * a task may take and return. A worker has at most one task or batch at a time, so replies carry no id: a
 * reply is for the worker's current task.
 */
final class WireMessages {
    private WireMessages() {
    }

    /** Bare signals, each one enum constant on the wire. */
    enum Signal {
        /** Worker to pool: initialized, waiting for tasks. */
        READY,
        /** Pool to worker: exit with 0. */
        STOP
    }

    /**
     * Pool to worker: run one task.
     *
     * @param taskNumber the task's number in the pool's {@link TaskCatalog}, or {@link TaskCatalog#NONE}
     * @param task a {@code GipcTask0}, {@code GipcTask1} or {@code GipcTask2}; null for a numbered task this
     *        worker was sent before, which it keeps
     * @param a the first argument (unused by a {@code GipcTask0})
     * @param b the second argument (used by a {@code GipcTask2} only)
     */
    record Call(int taskNumber, Object task, Object a, Object b) {
    }

    /**
     * Pool to worker: run a {@code GipcTask1} on each input, in order, stopping at the first failure.
     *
     * @param taskNumber as in {@link Call}
     * @param task as in {@link Call}
     * @param inputs the inputs
     */
    record Batch(int taskNumber, Object task, List<Object> inputs) {
    }

    /**
     * Worker to pool: how a {@link Call} ended.
     *
     * @param value the result, if it returned
     * @param failure what it threw, or null if it returned
     */
    record Outcome(Object value, Throwable failure) {
    }

    /**
     * Worker to pool: how a {@link Batch} ended.
     *
     * @param results the results of the inputs that returned, in order
     * @param failure what the next input threw, or null if every input returned
     */
    record BatchOutcome(List<Object> results, Throwable failure) {
    }

    /**
     * Worker to pool: the message it was sent could not be rebuilt (a class missing from its class path, say);
     * it was the current task's.
     *
     * @param reason what the codec said
     */
    record Unreadable(String reason) {
    }

    /**
     * Worker to pool: the initializer threw; the worker exits next.
     *
     * @param failure what it threw
     */
    record InitFailed(Throwable failure) {
    }
}
