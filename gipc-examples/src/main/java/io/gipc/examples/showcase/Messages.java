package io.gipc.examples.showcase;

/**
 * What the server and a worker say to each other over their duplex pipe. Records travel with gipc's default
 * codec as they are; nothing to register.
 *
 * <pre>
 *   worker → server   Ready(pid)                  once, when the worker's JVM is up
 *   server → worker   Job(id, task, size)         one at a time
 *   worker → server   Answer(...) or Failure(...) for that job
 *   server → worker   Stop                        the worker returns and its JVM exits 0
 * </pre>
 */
final class Messages {
    private Messages() {
    }

    /**
     * The worker is up and waits for jobs.
     *
     * @param pid the worker's process id, as the worker sees it
     */
    record Ready(long pid) {
    }

    /**
     * One request's work.
     *
     * @param id the pool's number for it
     * @param task what to compute
     * @param size the task's size
     */
    record Job(long id, Task task, long size) {
    }

    /**
     * A job's result.
     *
     * @param id the job's number
     * @param value the task's answer
     * @param workerPid who computed it
     * @param computeNanos how long the computation took in the worker
     */
    record Answer(long id, String value, long workerPid, long computeNanos) {
    }

    /**
     * The task threw: the worker survives and says why.
     *
     * @param id the job's number
     * @param message what went wrong
     */
    record Failure(long id, String message) {
    }

    /** The worker's last message: return, so its JVM exits 0. */
    enum Stop {
        /** The only value. */
        STOP
    }
}
