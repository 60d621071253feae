package io.gipc.netty.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.GProcessBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Helpers for tests that start child JVMs; public for the tests of other packages (the property-based ones). */
public final class Children {
    /** Only against hangs; never an expectation of speed. */
    public static final long TIMEOUT_S = 90;

    /**
     * Options that make a short-lived child JVM start sooner on a loaded machine; they change nothing a
     * test looks at.
     */
    static final String[] LIGHT = {
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Dio.netty.allocator.type=unpooled"
    };

    private Children() {}

    /** Starts a child with {@link #LIGHT}. */
    public static GProcess start(GProcessBuilder b) {
        return b.jvmOptions(LIGHT).start();
    }

    /** The exit code of a child, waited for at most {@link #TIMEOUT_S} (against hangs only). */
    public static Integer exit(GProcess p) throws Exception {
        return p.join().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The value of a future, waited for at most {@link #TIMEOUT_S} (against hangs only). */
    static <T> T await(Future<T> future) throws Exception {
        return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /**
     * Kills and waits for every child in the list that still runs (a test that failed half-way), so that no child
     * outlives its test; a child that ended, or whose {@link GProcess} is closed, is left as it is. Empties the list.
     */
    static void killLeftovers(List<GProcess> started) throws Exception {
        try {
            for (GProcess p : started) {
                boolean ended;
                try {
                    ended = p.join().isDone();
                } catch (IllegalStateException closed) {
                    continue;
                }
                if (!ended) {
                    p.kill();
                    exit(p);
                }
            }
        } finally {
            started.clear();
        }
    }

    /** Waits until no process has this pid any more (it ended and was reaped by whoever its parent is). */
    static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (Files.exists(Path.of("/proc/" + pid))) {
            assertTrue(System.nanoTime() < deadline, "process " + pid + " still exists");
            Thread.sleep(20);
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(TIMEOUT_S);
    }
}
