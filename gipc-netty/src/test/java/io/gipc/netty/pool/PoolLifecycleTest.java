package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static io.gipc.netty.pool.PoolTasks.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcPool;
import io.gipc.GipcTarget1;
import io.gipc.GipcWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Worker pools: retiring workers, shutting down, and workers outliving nothing. */
@EnabledOnOs(OS.LINUX)
class PoolLifecycleTest {

    // 8. After maxTasksPerWorker tasks a worker exits with 0 and a new one replaces it.
    @Test
    void aWorkerRetiresWithZeroAfterMaxTasks() throws Exception {
        try (GipcPool pool = pool("retiring", 1).maxTasksPerWorker(2).start()) {
            await(pool.ready());
            List<GProcess> seen = new ArrayList<>(pool.workers());
            Map<Long, Integer> tasksByPid = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                long pid = await(pool.submit(PoolTasks::pid));
                tasksByPid.merge(pid, 1, Integer::sum);
                for (GProcess p : pool.workers()) {
                    if (seen.stream().noneMatch(s -> s.pid() == p.pid())) {
                        seen.add(p);
                    }
                }
            }
            assertEquals(List.of(2, 2, 1), new ArrayList<>(tasksByPid.values()), tasksByPid.toString());
            for (GProcess p : seen) {
                if (tasksByPid.getOrDefault(p.pid(), 0) == 2) {
                    assertEquals(0, await(p.join()), p.name() + " retired");
                }
            }
            assertTrue(pool.stats().workerRestarts() >= 2, pool.stats().toString());
        }
    }

    // 10. shutdown(): later submits are rejected; queued and running complete; every worker exits 0; no thread,
    // process or descriptor is left.
    @Test
    void shutdownCompletesWhatWasSubmittedThenEveryWorkerExitsWithZero() throws Exception {
        GipcPool pool = pool("graceful", 2).start();
        List<GipcFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(pool.submit(PoolTasks::sleepThenReturn, 100L, i));
        }
        await(pool.ready());
        List<GProcess> workers = pool.workers();
        GipcFuture<Void> done = pool.shutdown();
        assertTrue(pool.isShutdown());
        GipcFuture<Integer> late = pool.submit(PoolTasks::square, 2);
        ExecutionException e = assertThrows(ExecutionException.class, late::get);
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
        for (int i = 0; i < futures.size(); i++) {
            assertEquals(i, await(futures.get(i)));
        }
        await(done);
        for (GProcess w : workers) {
            assertEquals(0, w.exitCode(), w.name());
        }
        assertTrue(pool.workers().isEmpty());
        assertEquals(0, pool.stats().workers());
        assertTrue(Gipc.activeChildren().isEmpty(), Gipc.activeChildren().toString());
        assertFalse(
                Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().startsWith("graceful-")),
                "a thread of the pool is left");
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles().toString());
        pool.close(); // again: nothing to do
    }

    // 10. shutdownNow(): workers are killed; every queued or running task fails with GipcClosedException.
    @Test
    void shutdownNowKillsTheWorkersAndFailsWhatWasSubmitted() throws Exception {
        GipcPool pool = pool("abrupt", 1).start();
        await(pool.ready());
        List<GProcess> workers = pool.workers();
        GipcFuture<Integer> running = pool.submit(PoolTasks::sleepThenReturn, 60_000L, 1);
        GipcFuture<Integer> queued = pool.submit(PoolTasks::square, 2);
        pool.shutdownNow();
        for (GipcFuture<Integer> f : List.of(running, queued)) {
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertInstanceOf(GipcClosedException.class, e.getCause());
        }
        await(pool.shutdown());
        assertEquals(-9, workers.get(0).exitCode());
        assertTrue(Gipc.activeChildren().isEmpty(), Gipc.activeChildren().toString());
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles().toString());
        assertEquals(2, pool.stats().failed());
    }

    // 10. A pool shut down before its workers were ready still ends cleanly.
    @Test
    void shutdownNowRightAfterStartLeavesNothing() throws Exception {
        GipcPool pool = pool("early", 2).start();
        pool.shutdownNow();
        await(pool.shutdown());
        ExecutionException e =
                assertThrows(ExecutionException.class, () -> pool.ready().get());
        assertInstanceOf(GipcClosedException.class, e.getCause());
        assertTrue(Gipc.activeChildren().isEmpty(), Gipc.activeChildren().toString());
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles().toString());
    }

    /** The middle process: makes a pool, reports its workers' pids, then waits to be killed. */
    static void makePoolThenWait(GipcWriter<Object> out) throws Exception {
        GipcPool pool = pool("orphans", 2).start();
        await(pool.ready());
        List<Long> pids = new ArrayList<>();
        for (GProcess p : pool.workers()) {
            pids.add(p.pid());
        }
        out.put(pids).get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(PoolTasks.TIMEOUT_S));
    }

    static void makePoolStillStartingThenWait(GipcWriter<Object> out) throws Exception {
        GipcPool pool = pool("orphans-starting", 2)
                .initializer(PoolLifecycleTest::slowInitializer)
                .start();
        while (pool.workers().size() < 2) {
            Thread.sleep(10);
        }
        List<Long> pids = new ArrayList<>();
        for (GProcess p : pool.workers()) {
            pids.add(p.pid());
        }
        out.put(pids).get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(PoolTasks.TIMEOUT_S));
    }

    static void slowInitializer() throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(PoolTasks.TIMEOUT_S));
    }

    // Workers still starting (spawned, their initializer running) end too when the parent JVM dies.
    @Test
    void workersStillStartingEndWhenTheirParentIsKilled() throws Exception {
        assertWorkersEndWithTheirKilledParent(PoolLifecycleTest::makePoolStillStartingThenWait, "starting worker");
    }

    // 12. Workers are daemon children: they end when the parent JVM dies, SIGKILL included.
    @Test
    void workersEndWhenTheirParentIsKilled() throws Exception {
        assertWorkersEndWithTheirKilledParent(PoolLifecycleTest::makePoolThenWait, "worker");
    }

    /** Starts a parent that makes a pool and sends its workers' pids, kills it, and checks they all end. */
    @SuppressWarnings("unchecked")
    private static void assertWorkersEndWithTheirKilledParent(GipcTarget1<GipcWriter<Object>> parentMain, String what)
            throws Exception {
        List<Long> pids = new ArrayList<>();
        AutoCloseable killLeftovers =
                () -> pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        try (GipcPipe<Object> pipe = Gipc.pipe();
                killLeftovers) {
            GProcess parent = Gipc.process(parentMain)
                    .args(pipe.writer())
                    .jvmOptions(PoolTasks.LIGHT)
                    .start();
            pids.addAll((List<Long>) await(pipe.reader().get()));
            assertEquals(2, pids.size());
            parent.kill();
            assertEquals(-9, await(parent.join()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PoolTasks.TIMEOUT_S);
            while (pids.stream().anyMatch(PoolLifecycleTest::running) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            for (long pid : pids) {
                assertFalse(running(pid), what + " " + pid + " outlived its parent");
            }
        }
    }

    /** Alive and not a zombie (an orphan is reaped by init or a subreaper, perhaps a moment later). */
    private static boolean running(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> {
                    try {
                        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                        return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
                    } catch (java.io.IOException gone) {
                        return false;
                    }
                })
                .orElse(false);
    }

    // A Ctrl-C at a terminal sends SIGINT to every process of the foreground group: a worker ignores it (the
    // pool's JVM decides what to do), so its task completes instead of failing with exit code -2.
    @Test
    void aWorkerIgnoresSigint() throws Exception {
        try (GipcPool pool = pool("sigint", 1).start()) {
            await(pool.ready());
            GProcess worker = pool.workers().get(0);
            GipcFuture<Integer> task = pool.submit(PoolTasks::sleepThenReturn, 1500L, 7);
            while (pool.stats().busy() == 0) {
                Thread.sleep(10);
            }
            assertEquals(
                    0,
                    new ProcessBuilder("kill", "-INT", Long.toString(worker.pid()))
                            .start()
                            .waitFor());
            assertEquals(7, await(task));
            assertEquals(0, pool.stats().workerRestarts());
            assertFalse(worker.join().isDone(), "the worker ended");
        }
    }
}
