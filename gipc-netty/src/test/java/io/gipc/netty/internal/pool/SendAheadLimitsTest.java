package io.gipc.netty.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * How far a busy worker is sent tasks ahead: tiny tasks up to {@link NettyGipcPool#AHEAD}, tasks with large
 * arguments only up to {@link NettyGipcPool#AHEAD_LARGE}, so that a worker never holds many large ones at once.
 */
@EnabledOnOs(OS.LINUX)
class SendAheadLimitsTest {
    private static final long TIMEOUT_S = 90;

    /** Runs until the file exists (at most a minute), so that the worker stays busy while the test looks. */
    static int busyUntil(String file, int value) throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                !Files.exists(Path.of(file)) && System.nanoTime() < end; ) {
            Thread.sleep(5);
        }
        return value;
    }

    static int length(String s) {
        return s.length();
    }

    private static GipcPool pool(String name) {
        return Gipc.pool()
                .name(name)
                .workers(1)
                .jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dio.netty.allocator.type=unpooled")
                .start();
    }

    @Test
    void tinyTasksAreSentFarAheadAndLargeOnesOnlyAFewAndAllRunInOrder(@TempDir Path dir) throws Exception {
        try (GipcPool pool = pool("aheadlimits")) {
            pool.ready().get(TIMEOUT_S, TimeUnit.SECONDS);
            NettyGipcPool inside = (NettyGipcPool) pool;

            Path go = dir.resolve("go");
            GipcFuture<Integer> busy = pool.submit(SendAheadLimitsTest::busyUntil, go.toString(), -1);
            List<GipcFuture<Integer>> tiny = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                tiny.add(pool.submit(SendAheadLimitsTest::length, "x".repeat(i % 7)));
            }
            assertEquals(List.of(NettyGipcPool.AHEAD + 1), inside.unansweredPerWorker(), "tiny tasks sent ahead");
            Files.createFile(go);
            assertEquals(-1, busy.get(TIMEOUT_S, TimeUnit.SECONDS));
            for (int i = 0; i < 300; i++) {
                assertEquals(i % 7, tiny.get(i).get(TIMEOUT_S, TimeUnit.SECONDS));
            }

            Path goAgain = dir.resolve("again");
            busy = pool.submit(SendAheadLimitsTest::busyUntil, goAgain.toString(), -2);
            List<GipcFuture<Integer>> large = new ArrayList<>();
            int size = NettyGipcPool.LARGE_BYTES; // 3 bytes per character counted: well over the line
            for (int i = 0; i < 100; i++) {
                large.add(pool.submit(SendAheadLimitsTest::length, "y".repeat(size + i)));
            }
            assertEquals(
                    List.of(NettyGipcPool.AHEAD_LARGE + 1), inside.unansweredPerWorker(), "large tasks sent ahead");
            Files.createFile(goAgain);
            assertEquals(-2, busy.get(TIMEOUT_S, TimeUnit.SECONDS));
            for (int i = 0; i < 100; i++) {
                assertEquals(size + i, large.get(i).get(TIMEOUT_S, TimeUnit.SECONDS));
            }
            assertEquals(0, pool.stats().failed());
        }
    }
}
