package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static io.gipc.netty.pool.PoolTasks.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcPool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A pool's name and its task-time listeners (what metrics are made of). */
@EnabledOnOs(OS.LINUX)
class PoolTaskTimeTest {

    @Test
    void thePoolKnowsItsName() {
        try (GipcPool pool = pool("named", 1).start()) {
            assertEquals("named", pool.name());
        }
    }

    @Test
    void eachAnsweredTaskIsTimedBeforeItsFutureCompletes() throws Exception {
        try (GipcPool pool = pool("timed", 1).start()) {
            List<Long> times = new CopyOnWriteArrayList<>();
            AtomicInteger seenWhenDone = new AtomicInteger(-1);
            pool.addTaskTimeListener(times::add);

            // A task that sleeps 200 ms ran at least that long, from the pool's side too.
            int value = await(pool.submit(PoolTasks::sleepThenReturn, 200L, 5)
                    .whenComplete((v, e) -> seenWhenDone.set(times.size())));
            assertEquals(5, value);
            assertEquals(1, seenWhenDone.get(), "the listener ran before the future completed");
            assertTrue(times.get(0) >= TimeUnit.MILLISECONDS.toNanos(200), times.toString());

            // A task that throws ran too; a map of one input is one batch: one time each.
            assertThrows(
                    ExecutionException.class,
                    () -> pool.submit(PoolTasks::squareOrFail, -1).get(PoolTasks.TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(List.of(4), await(pool.map(PoolTasks::square, List.of(2))));
            assertEquals(3, times.size(), times.toString());
        }
    }

    @Test
    void aListenerThatThrowsStopsNeitherTheOthersNorTheFuture() throws Exception {
        try (GipcPool pool = pool("throwing-listener", 1).start()) {
            AtomicInteger told = new AtomicInteger();
            pool.addTaskTimeListener(nanos -> {
                throw new IllegalStateException("a broken listener (expected in this test)");
            });
            pool.addTaskTimeListener(nanos -> told.incrementAndGet());
            assertEquals(9, await(pool.submit(PoolTasks::square, 3)));
            assertEquals(1, told.get());
        }
    }

    @Test
    void aTaskThatLosesItsWorkerIsNotTimed() throws Exception {
        try (GipcPool pool = pool("untimed", 1).start()) {
            List<Long> times = new CopyOnWriteArrayList<>();
            pool.addTaskTimeListener(times::add);
            assertThrows(
                    ExecutionException.class,
                    () -> pool.submit(PoolTasks::exit, 3).get(PoolTasks.TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(16, await(pool.submit(PoolTasks::square, 4)));
            assertEquals(1, times.size(), times.toString());
        }
    }
}
