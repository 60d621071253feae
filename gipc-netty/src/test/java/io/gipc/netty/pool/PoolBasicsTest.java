package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static io.gipc.netty.pool.PoolTasks.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import io.gipc.GipcPoolStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Worker pools: submitting, where and in which order tasks run, results and exceptions, settings. */
@EnabledOnOs(OS.LINUX)
class PoolBasicsTest {

    // 1. submit returns a future of the task's value, from any thread, an event loop's included.
    @Test
    void submitFromAnEventLoopGivesTheTasksValue() throws Exception {
        try (GipcPool pool = pool("basics", 1).start()) {
            // ready() completes on a gipc event loop once the worker has started (a JVM start from now): the
            // callback chained on it now runs there, and submits there.
            CompletableFuture<Object[]> onLoop = pool.ready().thenApply(v -> {
                String thread = Thread.currentThread().getName();
                GipcFuture<Integer> f = pool.submit(PoolTasks::square, 12);
                return new Object[] {thread, f};
            });
            Object[] got = await(onLoop);
            assertTrue(((String) got[0]).startsWith("gipc-loop-"), "the callback ran on " + got[0]);
            @SuppressWarnings("unchecked")
            GipcFuture<Integer> f = (GipcFuture<Integer>) got[1];
            assertEquals(144, await(f));
            assertEquals(7, await(pool.submit(() -> 7)));
            assertEquals("ab", await(pool.submit((String a, String b) -> a + b, "a", "b")));
        }
    }

    // 1. A task that cannot be shipped fails at once with a GipcException and runs nowhere.
    @Test
    void aTaskThatCannotBeShippedFailsAtOnceAndRunsNowhere(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        Thread notShippable = new Thread(() -> {});
        try (GipcPool pool = pool("unshippable", 1).start()) {
            // Before the worker is ready (queued) and after (sent straight to the idle worker): both refused.
            GipcFuture<String> early = pool.submit(t -> PoolTasks.mark(marker) + t.getName(), notShippable);
            assertTrue(early.isCompletedExceptionally());
            await(pool.ready());
            GipcFuture<String> late = pool.submit(t -> PoolTasks.mark(marker) + t.getName(), notShippable);
            assertTrue(late.isCompletedExceptionally());
            for (GipcFuture<String> f : List.of(early, late)) {
                ExecutionException e = assertThrows(ExecutionException.class, f::get);
                assertInstanceOf(GipcCodecException.class, e.getCause());
                assertTrue(
                        e.getCause().getMessage().contains("java.lang.Thread"),
                        e.getCause().getMessage());
            }
            // The worker is fine, and never ran the refused tasks.
            assertEquals(4, await(pool.submit(PoolTasks::square, 2)));
            assertFalse(Files.exists(marker));
        }
    }

    // 2. Tasks run in worker processes, at most `workers` at a time.
    @Test
    void tasksRunInWorkersAtMostWorkersAtATime() throws Exception {
        try (GipcPool pool = pool("concurrency", 2).start()) {
            List<GipcFuture<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(PoolTasks::timed, 150L));
            }
            List<long[]> runs = new ArrayList<>();
            for (GipcFuture<long[]> f : futures) {
                runs.add(await(f));
            }
            Set<Long> pids = new HashSet<>();
            for (int i = 0; i < runs.size(); i++) {
                long[] r = runs.get(i);
                assertNotEquals(ProcessHandle.current().pid(), r[0], "ran in the calling JVM");
                pids.add(r[0]);
                int overlapping = 0;
                for (long[] other : runs) {
                    if (other[1] <= r[1] && r[1] < other[2]) {
                        overlapping++; // running when r started, r included
                    }
                }
                assertTrue(overlapping <= 2, "task " + i + " started while " + (overlapping - 1) + " others ran");
            }
            assertEquals(2, pids.size(), "two workers: " + pids);
            assertEquals(
                    pids,
                    new HashSet<>(pool.workers().stream().map(Process::pid).toList()));
        }
    }

    // 2. Tasks start in the order they were submitted. (Two tasks handed to two workers a moment apart may begin
    // in either order by the workers' clocks; with one worker the order is plain to see.)
    @Test
    void tasksStartInTheOrderSubmitted() throws Exception {
        try (GipcPool pool = pool("order", 1).start()) {
            List<GipcFuture<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(PoolTasks::timed, 0L));
            }
            long previousStart = Long.MIN_VALUE;
            for (int i = 0; i < futures.size(); i++) {
                long[] r = await(futures.get(i));
                assertTrue(previousStart < r[1], "task " + i + " started before task " + (i - 1));
                previousStart = r[1];
            }
        }
    }

    // 3. A task that throws fails its future with the same class and message, cause chain kept; the worker goes on.
    @Test
    void aThrowingTaskFailsWithItsExceptionAndTheWorkerGoesOn() throws Exception {
        try (GipcPool pool = pool("throws", 1).start()) {
            long pid = await(pool.submit(PoolTasks::pid));
            GipcFuture<Integer> f = pool.submit(() -> {
                throw new UncheckedIOException(
                        "cannot read input", new IOException("disk gone", new IllegalStateException("root")));
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get());
            Throwable t = e.getCause();
            assertInstanceOf(UncheckedIOException.class, t);
            assertEquals("cannot read input", t.getMessage());
            assertInstanceOf(IOException.class, t.getCause());
            assertEquals("disk gone", t.getCause().getMessage());
            assertInstanceOf(IllegalStateException.class, t.getCause().getCause());
            assertEquals("root", t.getCause().getCause().getMessage());
            assertEquals(pid, await(pool.submit(PoolTasks::pid)), "the same worker took the next task");
            GipcPoolStats stats = pool.stats();
            assertEquals(2, stats.completed());
            assertEquals(1, stats.failed());
            assertEquals(0, stats.workerRestarts());
        }
    }

    static GipcFuture<Integer> timesK(GipcPool pool, int k, int x) {
        return pool.submit(v -> v * k, x); // a lambda that captures k: a new task object each time
    }

    // A worker keeps a task that captures nothing and is then sent only its number; tasks that capture values
    // travel whole each time, so each call sees its own values.
    @Test
    void tasksThatCaptureValuesAndTasksThatDoNotBothRunRight() throws Exception {
        try (GipcPool pool = pool("captures", 1).start()) {
            for (int i = 1; i <= 5; i++) {
                int k = i;
                assertEquals(3 * k, await(timesK(pool, k, 3)));
                assertEquals(k * k, await(pool.submit(PoolTasks::square, k)));
                assertEquals(
                        List.of(k, 4 * k),
                        await(pool.map(PoolTasks::square, List.of(1, 2))).stream()
                                .map(v -> v * k)
                                .toList());
            }
        }
    }

    @Test
    void jvmOptionsReachTheWorkersAndTheInitializerRunsOnceBeforeTheFirstTask() throws Exception {
        try (GipcPool pool = pool("settings", 2)
                .jvmOptions("-Dgipc.pool.test=seen")
                .initializer(PoolTasks::countInit)
                .start()) {
            await(pool.ready());
            assertEquals(2, pool.stats().workers());
            List<GipcFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> System.getProperty("gipc.pool.test") + " " + PoolTasks.initRuns));
            }
            for (GipcFuture<String> f : futures) {
                assertEquals("seen 1", await(f));
            }
            assertEquals(0, PoolTasks.initRuns, "the initializer ran in this JVM");
        }
    }

    // 1. submit may be called on any thread: many at once, every result comes back to its own future.
    @Test
    void submitsFromManyThreadsAtOnceAllComplete() throws Exception {
        try (GipcPool pool = pool("threads", 2).maxQueued(10_000).start()) {
            int threads = 4;
            int each = 500;
            List<CompletableFuture<List<GipcFuture<Integer>>>> submitters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                submitters.add(CompletableFuture.supplyAsync(() -> {
                    List<GipcFuture<Integer>> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(pool.submit(PoolTasks::square, base + i));
                    }
                    return mine;
                }));
            }
            for (int t = 0; t < threads; t++) {
                List<GipcFuture<Integer>> mine = await(submitters.get(t));
                for (int i = 0; i < each; i++) {
                    int x = t * each + i;
                    assertEquals(x * x, await(mine.get(i)));
                }
            }
            GipcPoolStats stats = pool.stats();
            assertEquals(threads * each, stats.completed());
            assertEquals(0, stats.queued());
            assertEquals(0, stats.busy());
        }
    }

    @Test
    void anInitializerThatCannotBeShippedIsRefusedAtStart() {
        Thread t = new Thread(() -> {});
        GipcException e = assertThrows(
                GipcException.class,
                () -> pool("badinit", 1).initializer(() -> t.getName()).start());
        assertTrue(e.getMessage().contains("initializer"), e.getMessage());
    }
    // A thread blocked on a task's future reads the answer itself (no hand-over from the event loop): the future
    // completes on that thread, at least now and then (the loop may take the read first). Between tasks the
    // worker is idle with no read pending; a worker that dies idle is still seen to end and is replaced.
    @Test
    void aThreadBlockedOnATaskReadsItsAnswerItselfAndAnIdleWorkersEndIsStillSeen() throws Exception {
        try (GipcPool pool = pool("readhere", 1).start()) {
            await(pool.ready());
            Thread me = Thread.currentThread();
            int onMe = 0;
            for (int i = 0; i < 100; i++) {
                GipcFuture<Integer> f = pool.submit(PoolTasks::square, i);
                CompletableFuture<Thread> completedOn = f.handle((v, e) -> Thread.currentThread());
                assertEquals(i * i, f.get(PoolTasks.TIMEOUT_S, java.util.concurrent.TimeUnit.SECONDS));
                if (await(completedOn) == me) {
                    onMe++;
                }
            }
            assertTrue(onMe > 0, "no answer was read by the thread waiting for it");
            io.gipc.GProcess idle = pool.workers().get(0);
            long pid = idle.pid();
            idle.kill(); // idle, with no read pending: its end is still seen, and no task of it fails
            await(idle.join());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(PoolTasks.TIMEOUT_S);
            while (pool.stats().workerRestarts() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, pool.stats().workerRestarts());
            assertEquals(4, await(pool.submit(PoolTasks::square, 2)));
            assertNotEquals(pid, await(pool.submit(PoolTasks::pid)));
            assertEquals(0, pool.stats().failed());
        }
    }

    // A callback that runs on the thread that read its task's answer may wait there for the next task of the
    // same worker: that worker's next answer is asked for before the futures complete, so the wait ends.
    @Test
    void aCallbackOnTheWaitingThreadMayWaitForTheWorkersNextTask() throws Exception {
        try (GipcPool pool = pool("readnested", 1).start()) {
            await(pool.ready());
            Thread me = Thread.currentThread();
            int nested = 0;
            for (int i = 0; i < 20; i++) {
                GipcFuture<Integer> first = pool.submit(PoolTasks::sleepThenReturn, 20L, i);
                GipcFuture<Integer> next = pool.submit(PoolTasks::square, i); // sent ahead to the same worker
                CompletableFuture<Object> inCallback = first.handle((v, e) -> {
                    if (Thread.currentThread() != me) {
                        return "not on the waiting thread";
                    }
                    try {
                        return next.get(PoolTasks.TIMEOUT_S, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception failure) {
                        return failure;
                    }
                });
                assertEquals(i, await(first));
                Object got = await(inCallback);
                if (!"not on the waiting thread".equals(got)) {
                    assertEquals(i * i, got);
                    nested++;
                }
                assertEquals(i * i, await(next));
            }
            assertTrue(nested > 0, "no answer was read by the thread waiting for it");
        }
    }
}
