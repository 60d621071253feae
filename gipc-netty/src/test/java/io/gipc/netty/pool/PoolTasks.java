package io.gipc.netty.pool;

import io.gipc.Gipc;
import io.gipc.GipcPoolBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Tasks the pool tests run in workers, and their helpers. */
final class PoolTasks {
    /** Only against hangs; never an expectation of speed. */
    static final long TIMEOUT_S = 90;

    /** Options that make a worker JVM start sooner on a loaded machine; they change nothing a test looks at. */
    static final String[] LIGHT = {
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Dio.netty.allocator.type=unpooled"
    };

    /** Set by {@link #countInit()} in a worker. */
    static int initRuns;

    private PoolTasks() {}

    /** A pool builder with light workers. */
    static GipcPoolBuilder pool(String name, int workers) {
        return Gipc.pool().name(name).workers(workers).jvmOptions(LIGHT);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    static int square(int x) {
        return x * x;
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** Sleeps, then says in which process it ran and when (CLOCK_MONOTONIC is shared by every process). */
    static long[] timed(long sleepMillis) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(sleepMillis);
        return new long[] {pid(), start, System.nanoTime()};
    }

    static int sleepThenReturn(long millis, int value) throws InterruptedException {
        Thread.sleep(millis);
        return value;
    }

    /** Leaves a mark that it ran. */
    static String mark(Path file) throws Exception {
        Files.writeString(file, "ran in " + pid());
        return "marked";
    }

    static int exit(int code) {
        System.exit(code);
        return -1;
    }

    static int killSelf() throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(pid())).start().waitFor();
        Thread.sleep(60_000);
        return -1;
    }

    static void countInit() {
        initRuns++;
    }

    static void failingInit() {
        throw new IllegalStateException("no model file here");
    }

    /** Fails on its input if negative. */
    static int squareOrFail(int x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative input " + x);
        }
        return x * x;
    }

    /** Returns null, whatever its input. */
    static Integer nothing(int x) {
        return null;
    }

    /** Returns a value the codec cannot carry. */
    static Thread aThread(int x) {
        return new Thread(() -> {});
    }

    static int size(List<Object> list) {
        return list.size();
    }
}
