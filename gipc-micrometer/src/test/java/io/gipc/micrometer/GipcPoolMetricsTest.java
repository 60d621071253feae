package io.gipc.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class GipcPoolMetricsTest {
    private static final long TIMEOUT_S = 90;

    static int square(int x) {
        return x * x;
    }

    static int sleepThenReturn(long millis, int value) throws InterruptedException {
        Thread.sleep(millis);
        return value;
    }

    static int fail(int x) {
        throw new IllegalArgumentException("no " + x);
    }

    static int exit(int code) {
        System.exit(code);
        return -1;
    }

    @Test
    void everyMeterIsNamedByMicrometersConventionsAndTaggedWithThePool() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (GipcPool pool = Gipc.pool().name("names").workers(1).start()) {
            new GipcPoolMetrics(pool, Tags.of("app", "test")).bindTo(registry);

            Set<String> names = new TreeSet<>();
            for (Meter m : registry.getMeters()) {
                if (m.getId().getName().equals("gipc.pool.tasks.execution.percentile")) {
                    names.add(m.getId().getName() + " " + m.getId().getTag("phi")); // the timer's, one each
                    continue;
                }
                names.add(m.getId().getName() + " " + m.getId().getType());
                assertEquals(
                        List.of(Tag.of("app", "test"), Tag.of("pool", "names")),
                        m.getId().getTags(),
                        m.getId().toString());
            }
            assertEquals(
                    new TreeSet<>(List.of(
                            "gipc.pool.workers GAUGE",
                            "gipc.pool.workers.busy GAUGE",
                            "gipc.pool.tasks.queued GAUGE",
                            "gipc.pool.tasks.completed COUNTER",
                            "gipc.pool.tasks.failed COUNTER",
                            "gipc.pool.workers.restarts COUNTER",
                            "gipc.pool.tasks.execution TIMER",
                            "gipc.pool.tasks.execution.percentile 0.5",
                            "gipc.pool.tasks.execution.percentile 0.95",
                            "gipc.pool.tasks.execution.percentile 0.99")),
                    names);
        }
    }

    @Test
    void theMetersFollowThePool() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (GipcPool pool = Gipc.pool().name("figures").workers(1).start()) {
            new GipcPoolMetrics(pool).bindTo(registry);
            pool.ready().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(1.0, gauge(registry, "gipc.pool.workers"));
            assertEquals(0.0, gauge(registry, "gipc.pool.workers.busy"));

            // One task runs, one waits behind it.
            GipcFuture<Integer> running = pool.submit(GipcPoolMetricsTest::sleepThenReturn, 1500L, 1);
            GipcFuture<Integer> waiting = pool.submit(GipcPoolMetricsTest::square, 3);
            awaitTrue(() -> gauge(registry, "gipc.pool.workers.busy") == 1.0, "one worker busy");
            assertEquals(1.0, gauge(registry, "gipc.pool.tasks.queued"));
            assertEquals(1, running.get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(9, waiting.get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(0.0, gauge(registry, "gipc.pool.tasks.queued"));

            // A task that throws, a worker that dies under its task (and is replaced), a map of three inputs.
            assertThrows(
                    ExecutionException.class,
                    () -> pool.submit(GipcPoolMetricsTest::fail, 1).get(TIMEOUT_S, TimeUnit.SECONDS));
            assertThrows(
                    ExecutionException.class,
                    () -> pool.submit(GipcPoolMetricsTest::exit, 7).get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(
                    List.of(1, 4, 9),
                    pool.map(GipcPoolMetricsTest::square, List.of(1, 2, 3)).get(TIMEOUT_S, TimeUnit.SECONDS));

            assertEquals(5.0, counter(registry, "gipc.pool.tasks.completed"), "2 tasks and 3 inputs of a map");
            assertEquals(2.0, counter(registry, "gipc.pool.tasks.failed"));
            awaitTrue(() -> counter(registry, "gipc.pool.workers.restarts") == 1.0, "the dead worker replaced");

            // Timed: the two tasks, the one that threw, and the map's batches; not the one whose worker died.
            Timer timer = registry.get("gipc.pool.tasks.execution")
                    .tag("pool", "figures")
                    .timer();
            long batches = timer.count() - 3;
            assertTrue(batches >= 1 && batches <= 3, "the map ran in 1 to 3 batches: " + timer.count());
            assertTrue(
                    timer.max(TimeUnit.MILLISECONDS) >= 1500,
                    "the longest task slept 1500 ms: " + timer.max(TimeUnit.MILLISECONDS));
            assertTrue(timer.totalTime(TimeUnit.MILLISECONDS) >= 1500);
            ValueAtPercentile[] percentiles = timer.takeSnapshot().percentileValues();
            assertEquals(
                    List.of(0.5, 0.95, 0.99),
                    java.util.Arrays.stream(percentiles)
                            .map(ValueAtPercentile::percentile)
                            .toList());
        }
    }

    /** The counters are the pool's own: a pool bound late shows what it did before. */
    @Test
    void countersBoundLateCountFromThePoolsStart() throws Exception {
        try (GipcPool pool = Gipc.pool().name("late").workers(1).start()) {
            assertEquals(4, pool.submit(GipcPoolMetricsTest::square, 2).get(TIMEOUT_S, TimeUnit.SECONDS));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new GipcPoolMetrics(pool).bindTo(registry);
            assertEquals(1.0, counter(registry, "gipc.pool.tasks.completed"));
            assertEquals(0, registry.get("gipc.pool.tasks.execution").timer().count());
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        Gauge g = registry.get(name).gauge();
        return g.value();
    }

    private static double counter(SimpleMeterRegistry registry, String name) {
        FunctionCounter c = registry.get(name).functionCounter();
        return c.count();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_S).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT_S + " s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
