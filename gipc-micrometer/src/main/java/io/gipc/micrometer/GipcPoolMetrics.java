package io.gipc.micrometer;

import io.gipc.GipcPool;
import io.gipc.GipcPoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link GipcPool}'s figures to a Micrometer {@link MeterRegistry}, each meter tagged {@code pool} with the
 * pool's {@linkplain GipcPool#name() name} (and any tags given here):
 *
 * <table>
 *   <caption>The meters</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code gipc.pool.workers}</td><td>gauge</td><td>worker processes alive, starting ones included</td></tr>
 *   <tr><td>{@code gipc.pool.workers.busy}</td><td>gauge</td><td>workers running a task</td></tr>
 *   <tr><td>{@code gipc.pool.tasks.queued}</td><td>gauge</td><td>tasks waiting for a worker</td></tr>
 *   <tr><td>{@code gipc.pool.tasks.completed}</td><td>counter</td><td>tasks that returned a value</td></tr>
 *   <tr><td>{@code gipc.pool.tasks.failed}</td><td>counter</td><td>tasks that threw, timed out or lost their
 *       worker</td></tr>
 *   <tr><td>{@code gipc.pool.workers.restarts}</td><td>counter</td><td>workers started to replace one that
 *       ended</td></tr>
 *   <tr><td>{@code gipc.pool.tasks.execution}</td><td>timer</td><td>each answered task's run time, from when it
 *       was sent to a worker to when its answer came back; percentiles 0.5, 0.95 and 0.99</td></tr>
 * </table>
 *
 * <p>The gauges and counters read {@link GipcPool#stats()} when the registry asks; the counters are the pool's
 * own cumulative figures, so they count from the pool's start even when it is bound later. The timer is fed by
 * a {@linkplain GipcPool#addTaskTimeListener task-time listener} that binding adds to the pool: it counts the
 * tasks answered after the binding. A {@code map} counts each input in the counters and each batch of inputs as
 * one run of the timer (see {@link GipcPoolStats}).
 *
 * <pre>{@code
 * GipcPool pool = Gipc.pool().name("render").workers(4).start();
 * new GipcPoolMetrics(pool).bindTo(registry);   // or declare it as a Spring bean: Spring Boot binds MeterBinders
 * }</pre>
 *
 * <p>The registry holds the pool weakly, as Micrometer's gauges do: keep a reference to the pool while it runs.
 */
public final class GipcPoolMetrics implements MeterBinder {
    /** The tag that names the pool on every meter. */
    public static final String POOL_TAG = "pool";

    private static final String WORKERS = "workers";
    private static final String TASKS = "tasks";

    private final GipcPool pool;
    private final Tags tags;

    /**
     * Metrics of a pool, tagged with its name.
     *
     * @param pool the pool
     */
    public GipcPoolMetrics(GipcPool pool) {
        this(pool, Tags.empty());
    }

    /**
     * Metrics of a pool, tagged with its name and the given tags.
     *
     * @param pool the pool
     * @param tags tags added to every meter (an application's name, say)
     */
    public GipcPoolMetrics(GipcPool pool, Iterable<Tag> tags) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.tags = Tags.of(tags).and(POOL_TAG, pool.name());
    }

    /**
     * Registers the meters with {@code registry} and starts timing the pool's tasks for it.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "gipc.pool.workers",
                WORKERS,
                "worker processes alive, starting ones included",
                s -> s.workers());
        gauge(registry, "gipc.pool.workers.busy", WORKERS, "workers running a task", s -> s.busy());
        gauge(registry, "gipc.pool.tasks.queued", TASKS, "tasks waiting for a worker", s -> s.queued());
        counter(registry, "gipc.pool.tasks.completed", TASKS, "tasks that returned a value", s -> s.completed());
        counter(
                registry,
                "gipc.pool.tasks.failed",
                TASKS,
                "tasks that threw, timed out or lost their worker",
                s -> s.failed());
        counter(
                registry,
                "gipc.pool.workers.restarts",
                WORKERS,
                "workers started to replace one that ended",
                s -> s.workerRestarts());
        Timer execution = Timer.builder("gipc.pool.tasks.execution")
                .description("run time of each task a worker answered, from sending it to its answer")
                .tags(tags)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        pool.addTaskTimeListener(nanos -> execution.record(nanos, TimeUnit.NANOSECONDS));
    }

    private void gauge(
            MeterRegistry registry, String name, String unit, String description, ToDoubleFunction<GipcPoolStats> f) {
        Gauge.builder(name, pool, p -> f.applyAsDouble(p.stats()))
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    private void counter(
            MeterRegistry registry, String name, String unit, String description, ToDoubleFunction<GipcPoolStats> f) {
        FunctionCounter.builder(name, pool, p -> f.applyAsDouble(p.stats()))
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }
}
