package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static io.gipc.netty.pool.PoolTasks.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import io.gipc.GipcPoolWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Worker pools: cancelling tasks, and the limit on waiting tasks. */
@EnabledOnOs(OS.LINUX)
class PoolCancelTest {

    // 6. cancel on a queued task removes it: it never runs.
    @Test
    void cancellingAQueuedTaskRemovesIt(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        try (GipcPool pool = pool("cancelqueued", 1).start()) {
            await(pool.ready());
            GipcFuture<Integer> running = pool.submit(PoolTasks::sleepThenReturn, 500L, 1);
            GipcFuture<String> queued = pool.submit(PoolTasks::mark, marker);
            assertEquals(1, pool.stats().queued());
            assertTrue(queued.cancel(false));
            assertTrue(queued.isCancelled());
            assertEquals(0, pool.stats().queued());
            assertEquals(1, await(running));
            assertEquals(9, await(pool.submit(PoolTasks::square, 3)), "the next task ran after it");
            assertFalse(Files.exists(marker), "the cancelled task ran");
        }
    }

    // 6. cancel(false) on a running task returns false, and the task completes.
    @Test
    void cancelFalseOnARunningTaskReturnsFalse() throws Exception {
        try (GipcPool pool = pool("cancelfalse", 1).start()) {
            await(pool.ready());
            GipcFuture<Integer> running = pool.submit(PoolTasks::sleepThenReturn, 500L, 5);
            assertFalse(running.cancel(false));
            assertFalse(running.isCancelled());
            assertEquals(5, await(running));
            assertEquals(0, pool.stats().workerRestarts());
        }
    }

    // 6. cancel(true) on a running task kills its worker (replaced) and cancels the future.
    @Test
    void cancelTrueOnARunningTaskKillsAndReplacesItsWorker() throws Exception {
        try (GipcPool pool = pool("canceltrue", 1).start()) {
            await(pool.ready());
            GProcess worker = pool.workers().get(0);
            assertEquals(List.of(new GipcPoolWorker(worker, GipcPoolWorker.Status.IDLE)), pool.workerStatus());
            GipcFuture<Integer> running = pool.submit(PoolTasks::sleepThenReturn, 60_000L, 5);
            assertEquals(1, pool.stats().busy());
            assertEquals(List.of(new GipcPoolWorker(worker, GipcPoolWorker.Status.BUSY)), pool.workerStatus());
            assertTrue(running.cancel(true));
            assertTrue(running.isCancelled());
            assertThrows(CancellationException.class, running::join);
            assertEquals(-9, await(worker.join()));
            assertEquals(16, await(pool.submit(PoolTasks::square, 4)), "a new worker took over");
            assertEquals(1, pool.stats().workerRestarts());
            assertEquals(0, pool.stats().failed(), "a cancelled task is not a failure");
        }
    }

    // 7. With maxQueued tasks waiting, submit returns a future already failed; nothing is queued.
    @Test
    void submitBeyondMaxQueuedIsRejectedAtOnce() throws Exception {
        try (GipcPool pool = pool("maxqueued", 1).maxQueued(2).start()) {
            await(pool.ready());
            GipcFuture<Integer> running = pool.submit(PoolTasks::sleepThenReturn, 500L, 1);
            GipcFuture<Integer> second = pool.submit(PoolTasks::square, 2);
            GipcFuture<Integer> third = pool.submit(PoolTasks::square, 3);
            GipcFuture<Integer> refused = pool.submit(PoolTasks::square, 4);
            assertTrue(refused.isCompletedExceptionally());
            ExecutionException e = assertThrows(ExecutionException.class, refused::get);
            assertInstanceOf(RejectedExecutionException.class, e.getCause());
            assertTrue(
                    e.getCause().getMessage().contains("maxQueued 2"),
                    e.getCause().getMessage());
            assertEquals(2, pool.stats().queued());
            assertEquals(1, await(running));
            assertEquals(4, await(second));
            assertEquals(9, await(third));
            assertEquals(3, pool.stats().completed());
        }
    }
}
