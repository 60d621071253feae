package io.gipc.examples.showcase;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the worker pool.
 *
 * @param workers the live workers
 * @param servedByPid how many jobs each worker process answered, in the order they first answered
 * @param restarts how many workers were started to replace one that ended
 * @param queued how many requests wait for a worker
 */
public record PoolStats(List<WorkerInfo> workers, Map<Long, Long> servedByPid, int restarts, int queued) {
    /**
     * One live worker.
     *
     * @param pid its process id
     * @param state {@code STARTING}, {@code IDLE}, {@code BUSY} or {@code STOPPING}
     */
    public record WorkerInfo(long pid, String state) {}

    /**
     * Copies the collections.
     *
     * @param workers the live workers
     * @param servedByPid jobs answered per pid
     * @param restarts workers started as replacements
     * @param queued requests waiting
     */
    public PoolStats {
        workers = List.copyOf(workers);
        servedByPid = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(servedByPid));
    }

    /**
     * The pids of the workers computing a job right now.
     *
     * @return those pids
     */
    public List<Long> busyPids() {
        return workers.stream()
                .filter(w -> w.state().equals("BUSY"))
                .map(WorkerInfo::pid)
                .toList();
    }
}
