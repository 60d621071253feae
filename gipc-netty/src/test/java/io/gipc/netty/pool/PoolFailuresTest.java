package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static io.gipc.netty.pool.PoolTasks.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import io.gipc.GipcTaskTimeoutException;
import io.gipc.GipcWorkerDiedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Worker pools: dead workers, timeouts, workers that cannot start. */
@EnabledOnOs(OS.LINUX)
class PoolFailuresTest {

    // 4. A worker that dies fails only its own task, with its exit code; a new worker replaces it.
    @Test
    void aDeadWorkerFailsOnlyItsTaskAndIsReplaced() throws Exception {
        try (GipcPool pool = pool("dying", 2).start()) {
            await(pool.ready());
            List<GipcFuture<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                others.add(pool.submit(PoolTasks::sleepThenReturn, 200L, i));
            }
            GipcFuture<Integer> exits = pool.submit(PoolTasks::exit, 7);
            GipcFuture<Integer> killed = pool.submit(PoolTasks::killSelf);
            for (int i = 0; i < 4; i++) {
                others.add(pool.submit(PoolTasks::sleepThenReturn, 50L, 4 + i));
            }

            ExecutionException e = assertThrows(ExecutionException.class, () -> exits.get());
            GipcWorkerDiedException died = assertInstanceOf(GipcWorkerDiedException.class, e.getCause());
            assertEquals(7, died.exitCode());
            assertTrue(died.pid() > 0 && died.pid() != ProcessHandle.current().pid(), "pid " + died.pid());
            assertTrue(died.getMessage().contains("PoolTasks::exit"), died.getMessage());
            e = assertThrows(ExecutionException.class, () -> killed.get());
            assertEquals(
                    -9,
                    assertInstanceOf(GipcWorkerDiedException.class, e.getCause())
                            .exitCode());
            for (int i = 0; i < others.size(); i++) {
                assertEquals(i, await(others.get(i)));
            }
            assertEquals(8, pool.stats().completed());
            assertEquals(2, pool.stats().failed());
            assertEquals(2, pool.stats().workerRestarts());
            await(pool.ready());
            assertEquals(2, pool.workers().size());
        }
    }

    // 5. A task that runs too long fails with TimeoutException; its worker is killed and replaced.
    @Test
    void aTaskOverItsTimeoutFailsAndItsWorkerIsKilledAndReplaced() throws Exception {
        try (GipcPool pool =
                pool("timeout", 1).taskTimeout(Duration.ofMillis(700)).start()) {
            await(pool.ready());
            GProcess first = pool.workers().get(0);
            GipcFuture<Integer> slow = pool.submit(PoolTasks::sleepThenReturn, 60_000L, 1);
            GipcFuture<Integer> next = pool.submit(PoolTasks::sleepThenReturn, 0L, 2);
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get());
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertEquals(
                    first.pid(),
                    assertInstanceOf(GipcTaskTimeoutException.class, e.getCause())
                            .pid());
            assertEquals(-9, await(first.join()));
            assertEquals(2, await(next), "the replacement took the next task");
            assertNotEquals(first.pid(), await(pool.submit(PoolTasks::pid)));
            assertEquals(1, pool.stats().workerRestarts());
        }
    }

    // 9. Workers that keep failing to start: ready(), the queued tasks and later submits fail with the
    // initializer's error; no hang.
    @Test
    void workersThatKeepFailingToStartFailReadyAndTheTasks() throws Exception {
        GipcPool pool = pool("badstart", 1).initializer(PoolTasks::failingInit).start();
        try {
            GipcFuture<Integer> queued = pool.submit(PoolTasks::square, 3);
            ExecutionException e =
                    assertThrows(ExecutionException.class, () -> pool.ready().get());
            assertInitializersError(e.getCause());
            e = assertThrows(ExecutionException.class, () -> queued.get());
            assertInitializersError(e.getCause());
            GipcFuture<Integer> later = pool.submit(PoolTasks::square, 4);
            assertTrue(later.isCompletedExceptionally());
            e = assertThrows(ExecutionException.class, () -> later.get());
            assertInitializersError(e.getCause());
        } finally {
            pool.shutdown();
            await(pool.shutdown());
        }
    }

    private static void assertInitializersError(Throwable t) {
        assertInstanceOf(GipcException.class, t);
        assertTrue(t.getMessage().contains("keep failing to start"), t.getMessage());
        assertInstanceOf(IllegalStateException.class, t.getCause());
        assertEquals("no model file here", t.getCause().getMessage());
    }

    // 9. A JVM that cannot start at all counts as a failed start too.
    @Test
    void workersWhoseJvmCannotStartFailReady() throws Exception {
        GipcPool pool =
                pool("badjvm", 1).jvmOptions("-XX:+ThisOptionDoesNotExist").start();
        try {
            ExecutionException e =
                    assertThrows(ExecutionException.class, () -> pool.ready().get());
            assertInstanceOf(GipcException.class, e.getCause());
            assertTrue(
                    e.getCause().getMessage().contains("before it was ready"),
                    e.getCause().getMessage());
        } finally {
            await(pool.shutdown());
        }
        GipcFuture<Integer> afterShutdown = pool.submit(PoolTasks::square, 4);
        e(afterShutdown);
    }

    private static void e(GipcFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }
}
