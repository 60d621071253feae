package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static io.gipc.netty.pool.PoolTasks.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Worker pools: map. */
@EnabledOnOs(OS.LINUX)
class PoolMapTest {

    // 11. map gives the results in the order of its inputs.
    @Test
    void mapGivesResultsInInputOrder() throws Exception {
        try (GipcPool pool = pool("map", 2).start()) {
            List<Integer> inputs = new ArrayList<>();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                inputs.add(i);
                expected.add(i * i);
            }
            assertEquals(expected, await(pool.map(PoolTasks::square, inputs)));
            assertEquals(List.of(), await(pool.map(PoolTasks::square, List.of())));
            assertEquals(1000, pool.stats().completed());
        }
    }

    static int markThenSquare(Path dir, int x) throws Exception {
        Files.writeString(dir.resolve("input-" + x), "");
        return PoolTasks.squareOrFail(x);
    }

    // 11. The first failure fails the whole future with that failure; inputs not yet started are not run.
    @Test
    void theFirstFailureFailsTheMapAndLaterInputsDoNotRun(@TempDir Path dir) throws Exception {
        try (GipcPool pool = pool("mapfail", 1).start()) {
            await(pool.ready());
            List<Integer> inputs = List.of(-1, 1, 2, 3, 4, 5, 6, 7); // 4 batches of 2 on 1 worker
            GipcFuture<List<Integer>> f = pool.map(x -> markThenSquare(dir, x), inputs);
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals("negative input -1", e.getCause().getMessage());
            assertEquals(9, await(pool.submit(PoolTasks::square, 3)), "the pool goes on");
            assertTrue(Files.exists(dir.resolve("input--1")));
            for (int x = 1; x < 8; x++) {
                assertFalse(Files.exists(dir.resolve("input-" + x)), "input " + x + " ran after the failure");
            }
            assertEquals(0, pool.stats().queued());
        }
    }

    // 5 and 11: with a task timeout each input is timed on its own; one that runs too long fails the map.
    @Test
    void aTimedMapFailsWithTheFirstInputThatRunsTooLong() throws Exception {
        try (GipcPool pool = pool("maptimeout", 1)
                .taskTimeout(java.time.Duration.ofMillis(700))
                .start()) {
            await(pool.ready());
            GipcFuture<List<Integer>> f = pool.map(x -> PoolTasks.sleepThenReturn(x, 1), List.of(0, 0, 60_000, 0));
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause());
            assertEquals(2, await(pool.submit(PoolTasks::sleepThenReturn, 0L, 2)), "a new worker took over");
            assertEquals(1, pool.stats().workerRestarts());
        }
    }

    // 6 for map: a map still queued is cancelled whole; one running refuses cancel(false).
    @Test
    void cancellingAMap() throws Exception {
        try (GipcPool pool = pool("mapcancel", 1).start()) {
            await(pool.ready());
            GipcFuture<Integer> blocker = pool.submit(PoolTasks::sleepThenReturn, 500L, 0);
            GipcFuture<List<Integer>> queued = pool.map(PoolTasks::square, List.of(1, 2, 3));
            assertTrue(queued.cancel(false));
            assertEquals(0, pool.stats().queued());
            assertEquals(0, await(blocker));
            GipcFuture<List<Integer>> running = pool.map(x -> PoolTasks.sleepThenReturn(300L, x), List.of(1, 2));
            Thread.sleep(50);
            assertFalse(running.cancel(false));
            assertEquals(List.of(1, 2), await(running));
        }
    }
}
