package io.gipc.examples.showcase;

/**
 * What a worker hands back for a request. A record travels with gipc's default codec as it is; nothing to
 * register.
 */
final class Messages {
    private Messages() {}

    /**
     * A computation's result.
     *
     * @param value the task's answer
     * @param workerPid who computed it
     * @param computeNanos how long the computation took in the worker
     */
    record Answer(String value, long workerPid, long computeNanos) {}
}
