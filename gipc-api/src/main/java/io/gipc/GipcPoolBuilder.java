package io.gipc;

import io.gipc.spi.GipcProvider;
import io.gipc.spi.PoolRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Sets up and starts a {@link GipcPool}; Python's {@code Pool(processes, initializer, maxtasksperchild)} and
 * {@code ProcessPoolExecutor(max_workers, initializer, max_tasks_per_child)}.
 *
 * <pre>{@code
 * GipcPool pool = Gipc.pool().workers(4).name("render").maxQueued(10_000)
 *         .taskTimeout(Duration.ofSeconds(30)).initializer(Render::warmUp).start();
 * }</pre>
 *
 * <p>Obtained from {@link Gipc#pool()}. Not thread-safe; each setter returns this builder.
 */
public final class GipcPoolBuilder {
    private int workers = Runtime.getRuntime().availableProcessors();
    private String name = "GipcPool";
    private int maxQueued = 1024;
    private Duration taskTimeout;
    private int maxTasksPerWorker;
    private GipcTarget0 initializer;
    private final List<String> jvmOptions = new ArrayList<>();

    GipcPoolBuilder() {}

    /**
     * The number of worker processes; default {@link Runtime#availableProcessors()}.
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public GipcPoolBuilder workers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a pool needs at least 1 worker, got " + n);
        }
        this.workers = n;
        return this;
    }

    /**
     * The pool's name, used in its log lines and for its workers: {@code name-0}, {@code name-1}, ... (a
     * replacement gets the next number); default {@code GipcPool}.
     *
     * @param name the name
     * @return this builder
     */
    public GipcPoolBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * How many tasks may wait for a worker; a submit beyond it gets a future already failed with
     * {@link java.util.concurrent.RejectedExecutionException}. Default 1024. Python's pools have no such limit
     * (their queues grow without bound).
     *
     * @param n at least 0; 0 takes a task only when a worker is free for it
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public GipcPoolBuilder maxQueued(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxQueued must be 0 or more, got " + n);
        }
        this.maxQueued = n;
        return this;
    }

    /**
     * How long a task may run; past it, its future fails with {@link java.util.concurrent.TimeoutException}
     * and its worker is killed and replaced. Default: no limit. The time runs from when the task is handed to
     * a worker, not while it waits in the queue.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public GipcPoolBuilder taskTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("taskTimeout must be positive, got " + timeout);
        }
        this.taskTimeout = timeout;
        return this;
    }

    /**
     * After this many tasks a worker exits with 0 and a new one replaces it; Python's
     * {@code maxtasksperchild}. A batch of a {@code map} counts as one task, as a chunk does in Python's
     * {@code Pool}. Default: unlimited.
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public GipcPoolBuilder maxTasksPerWorker(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxTasksPerWorker must be at least 1, got " + n);
        }
        this.maxTasksPerWorker = n;
        return this;
    }

    /**
     * Runs once in each worker before its first task (to load a model, open a connection); Python's
     * {@code initializer}. If it throws, that worker exits and is started again after a pause; when workers
     * keep failing, {@link GipcPool#ready()}, the queued tasks and later submits fail with a
     * {@link GipcException} whose cause is the initializer's error.
     *
     * @param init a static method reference or lambda, shipped like a target
     * @return this builder
     */
    public GipcPoolBuilder initializer(GipcTarget0 init) {
        this.initializer = Objects.requireNonNull(init, "init");
        return this;
    }

    /**
     * JVM options added to the workers' command line, after those inherited from this JVM (for example
     * {@code -Xmx256m}); see {@link GProcessBuilder#jvmOptions(String...)}.
     *
     * @param options the options, each one argument
     * @return this builder
     */
    public GipcPoolBuilder jvmOptions(String... options) {
        jvmOptions.addAll(Arrays.asList(options));
        return this;
    }

    /**
     * Starts the pool. Returns at once: the workers start in the background (see {@link GipcPool#ready()}), and
     * tasks submitted meanwhile wait for them.
     *
     * @return the pool
     * @throws GipcException if the initializer cannot be shipped, or gipc does not run on this platform
     */
    public GipcPool start() {
        return GipcProvider.get()
                .startPool(new PoolRequest(
                        workers,
                        name,
                        maxQueued,
                        taskTimeout,
                        maxTasksPerWorker,
                        initializer,
                        List.copyOf(jvmOptions)));
    }
}
