package io.gipc.examples.showcase;

import java.time.Duration;
import java.util.List;

/**
 * How the worker pool runs.
 *
 * @param workers how many worker processes
 * @param queueLimit how many requests may wait for a worker; beyond that, 503
 * @param jobTimeout how long a worker may compute before it is killed (the request gets 504)
 * @param startTimeout how long a new worker may take to say it is ready
 * @param jvmOptions options for the workers' JVMs, added to those they inherit
 */
public record PoolSettings(
        int workers, int queueLimit, Duration jobTimeout, Duration startTimeout, List<String> jvmOptions) {
    /**
     * Checks the settings.
     *
     * @param workers how many worker processes, at least 1
     * @param queueLimit how many requests may wait, at least 0
     * @param jobTimeout the per-request limit
     * @param startTimeout the start-up limit
     * @param jvmOptions the workers' extra JVM options
     */
    public PoolSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker, got " + workers);
        }
        if (queueLimit < 0) {
            throw new IllegalArgumentException("the queue limit cannot be negative: " + queueLimit);
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The settings the showcase uses: {@code workers} workers with the serial collector (fewer GC threads on a
     * small machine), 1,000 queued requests at most, 30 s per request, 60 s to start.
     *
     * @param workers how many worker processes
     * @return the settings
     */
    public static PoolSettings of(int workers) {
        return new PoolSettings(
                workers, 1_000, Duration.ofSeconds(30), Duration.ofSeconds(60), List.of("-XX:+UseSerialGC"));
    }

    /**
     * The same settings with another per-request limit.
     *
     * @param timeout the new limit
     * @return new settings
     */
    public PoolSettings withJobTimeout(Duration timeout) {
        return new PoolSettings(workers, queueLimit, timeout, startTimeout, jvmOptions);
    }
}
