package io.gipc;

/**
 * A snapshot of a {@link GipcPool}, from {@link GipcPool#stats()}.
 *
 * <p>A {@link GipcPool#map map} counts as one task per input in {@code completed} and {@code failed}, and as one
 * queued task per batch of inputs waiting for a worker in {@code queued}.
 *
 * @param workers the worker processes alive (started and not yet ended), starting ones included
 * @param busy the workers running a task (or a batch of a {@code map})
 * @param queued the tasks waiting for a worker
 * @param completed the tasks that returned a value, since the pool started
 * @param failed the tasks that failed (threw, timed out, lost their worker, or were failed by
 *        {@link GipcPool#shutdownNow()} or by workers failing to start); cancelled tasks are not counted
 * @param workerRestarts the workers started to replace one that ended (died, was killed, retired after
 *        {@code maxTasksPerWorker} tasks, or failed to start)
 */
public record GipcPoolStats(int workers, int busy, int queued, long completed, long failed, long workerRestarts) {}
