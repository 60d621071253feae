package io.gipc;

/**
 * One worker of a {@link GipcPool} and what it is doing, from {@link GipcPool#workerStatus()}: for a status page
 * or a log line.
 *
 * @param process the worker process
 * @param status what it is doing
 */
public record GipcPoolWorker(GProcess process, Status status) {

    /** What a worker is doing. */
    public enum Status {
        /** Its JVM is starting, or its initializer running. */
        STARTING,
        /** Waiting for a task. */
        IDLE,
        /** Running a task (or a batch of a {@code map}). */
        BUSY,
        /** Ending: told to exit (shutdown, {@code maxTasksPerWorker}) or killed (timeout, cancel, shutdownNow). */
        STOPPING
    }
}
