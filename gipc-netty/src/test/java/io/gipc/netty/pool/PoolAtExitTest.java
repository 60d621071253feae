package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that exits with a pool running (System.exit here; SIGTERM takes the same path): the pool shuts down
 * gracefully before gipc terminates its daemon children, so the running task completes and the worker exits 0.
 */
@EnabledOnOs(OS.LINUX)
class PoolAtExitTest {

    @Test
    void aJvmExitLetsTheRunningTaskCompleteAndTheWorkerExitZero(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        GProcess parent = Gipc.process(PoolAtExitTest::exitWithAPoolRunning)
                .redirectOutput(out)
                .start();

        assertEquals(0, await(parent.join()));
        assertEquals(List.of("task: 7", "worker exit code: 0"), Files.readAllLines(out));
    }

    /**
     * In a child JVM: starts a pool, hands its worker a task of 1.5 s, and exits at once. A shutdown hook of its
     * own (run beside gipc's) prints what became of the task and the worker.
     */
    static void exitWithAPoolRunning() throws Exception {
        GipcPool pool = PoolTasks.pool("at-exit", 1).start();
        await(pool.ready());
        GProcess worker = pool.workers().get(0);
        GipcFuture<Integer> task = pool.submit(PoolTasks::sleepThenReturn, 1500L, 7);
        while (pool.stats().busy() == 0) {
            Thread.sleep(10);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            String result;
            try {
                result = "task: " + task.get(PoolTasks.TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                result = "task failed: " + e;
            }
            String exit;
            try {
                exit = "worker exit code: " + worker.join().get(PoolTasks.TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                exit = "worker: " + e;
            }
            System.out.println(result);
            System.out.println(exit);
            System.out.flush();
        }));
        System.exit(0);
    }
}
