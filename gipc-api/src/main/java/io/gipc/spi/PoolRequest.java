package io.gipc.spi;

import io.gipc.GipcTarget0;
import java.time.Duration;
import java.util.List;

/**
 * What {@link io.gipc.GipcPoolBuilder#start()} asks a {@link GipcProvider} to start. Checked already.
 *
 * @param workers the number of workers, at least 1
 * @param name the pool's name
 * @param maxQueued how many tasks may wait, at least 0
 * @param taskTimeout how long a task may run, or null for no limit
 * @param maxTasksPerWorker the tasks after which a worker is replaced, or 0 for no limit
 * @param initializer run once in each worker before its first task, or null
 * @param jvmOptions JVM options added to the workers' command line
 */
public record PoolRequest(
        int workers,
        String name,
        int maxQueued,
        Duration taskTimeout,
        int maxTasksPerWorker,
        GipcTarget0 initializer,
        List<String> jvmOptions) {}
