package io.gipc.netty.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The watch, reaping and {@link Process} behaviour, on plain shell commands (no child JVM). */
@EnabledOnOs(OS.LINUX)
class NettyGProcessTest {
    private static IoEventLoopGroup group;

    @BeforeAll
    static void startLoop() {
        Epoll.ensureAvailability();
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static boolean onLoop() {
        return group.next().inEventLoop();
    }

    static NettyGProcess sh(String script, Runnable onEnded) {
        int pid = spawnSh(script);
        return NettyGProcess.watch(pid, "sh-" + pid, false, group.next(), NettyGProcessTest::onLoop, onEnded);
    }

    private static int spawnSh(String script) {
        return Spawner.spawn(new Spawner.Spec(
                Paths.get("/bin/sh"),
                List.of("sh", "-c", script),
                ChildCommand.environment(true, java.util.Map.of()),
                null,
                new int[0]));
    }

    /**
     * ProcessStarter records a child, then starts watching it, so that the end callback (on the loop) finds it
     * recorded: nothing reaps a child before {@code startWatching()}, and the callback is given the process.
     */
    @Test
    void anUnwatchedChildIsReapedOnlyOnceItsWatchStarts() throws Exception {
        int pid = spawnSh("exit 7");
        CompletableFuture<NettyGProcess> ended = new CompletableFuture<>();
        NettyGProcess p = NettyGProcess.unwatched(
                pid, "sh-" + pid, false, group.next(), NettyGProcessTest::onLoop, ended::complete);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!isZombie(pid)) {
            assertTrue(System.nanoTime() < deadline, "sh (pid " + pid + ") did not end");
            Thread.sleep(10);
        }
        Thread.sleep(200); // time a watch, had one started, would take to reap it
        assertTrue(isZombie(pid), "nothing reaps the child before its watch starts");
        assertFalse(ended.isDone());

        p.startWatching();
        assertSame(p, ended.get(30, TimeUnit.SECONDS));
        assertEquals(7, p.join().get(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(Paths.get("/proc/" + pid)), "reaped");
    }

    /** Whether a process has ended and waits to be reaped (state Z in /proc/PID/stat). */
    private static boolean isZombie(int pid) throws Exception {
        String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    static NettyGProcess sh(String script) {
        return sh(script, () -> {});
    }

    @Test
    void exitCodes() {
        assertEquals(0, sh("exit 0").join().join());
        assertEquals(1, sh("exit 1").join().join());
        assertEquals(42, sh("exit 42").join().join());
    }

    @Test
    void killGivesMinusNine() throws Exception {
        NettyGProcess p = sh("exec sleep 60");
        assertTrue(p.isAlive());
        assertNull(p.exitCode());
        p.kill();
        assertEquals(-9, p.join().get(30, TimeUnit.SECONDS));
        assertEquals(-9, p.exitCode());
        assertEquals(128 + 9, p.exitValue());
        assertEquals(128 + 9, p.waitFor());
        assertFalse(p.isAlive());
    }

    @Test
    void terminateGivesMinusFifteen() throws Exception {
        NettyGProcess p = sh("exec sleep 60");
        p.terminate();
        assertEquals(-15, p.join().get(30, TimeUnit.SECONDS));
        p.terminate(); // after the end: nothing, no error
        p.kill();
    }

    @Test
    void joinWithTimeoutGivesNullThenTheCode() throws Exception {
        NettyGProcess p = sh("exec sleep 60");
        assertNull(p.join(Duration.ofMillis(100)).get(30, TimeUnit.SECONDS));
        assertFalse(p.join().isDone());
        p.kill();
        assertEquals(-9, p.join(Duration.ofSeconds(60)).get(30, TimeUnit.SECONDS));
        assertEquals(-9, p.join(Duration.ZERO).get());
    }

    @Test
    void closeRules() throws Exception {
        NettyGProcess p = sh("exec sleep 60");
        assertThrows(IllegalStateException.class, p::close);
        assertTrue(p.isAlive());
        p.kill();
        p.join().get(30, TimeUnit.SECONDS);
        p.close();
        p.close();
        assertThrows(IllegalStateException.class, p::isAlive);
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, () -> p.join(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, p::exitCode);
        assertEquals(128 + 9, p.exitValue());
    }

    @Test
    void processApi() throws Exception {
        NettyGProcess p = sh("exec sleep 60");
        assertThrows(IllegalThreadStateException.class, p::exitValue);
        assertFalse(p.waitFor(50, TimeUnit.MILLISECONDS));
        assertEquals(-1, p.getInputStream().read());
        assertEquals(-1, p.getErrorStream().read());
        ProcessHandle h = p.toHandle();
        assertEquals(p.pid(), h.pid());
        assertTrue(h.isAlive());
        assertEquals(ProcessHandle.current().pid(), h.parent().orElseThrow().pid());
        CompletableFuture<Process> onExit = p.onExit();
        CompletableFuture<ProcessHandle> handleExit = h.onExit();
        assertTrue(h.destroyForcibly());
        assertSame(p, onExit.get(30, TimeUnit.SECONDS));
        assertSame(h, handleExit.get(30, TimeUnit.SECONDS));
        assertFalse(h.isAlive());
        assertFalse(h.destroy());
        assertTrue(p.waitFor(1, TimeUnit.SECONDS));
        assertTrue(p.toString().contains("exit code -9"), p.toString());
    }

    @Test
    void joinFromTheLoopThreadIsRefused() throws Exception {
        NettyGProcess p = sh("exec sleep 60");
        try {
            CompletableFuture<Throwable> seen = new CompletableFuture<>();
            group.next().execute(() -> {
                try {
                    p.join().join();
                    seen.complete(null);
                } catch (Throwable t) {
                    seen.complete(t);
                }
            });
            assertTrue(seen.get(30, TimeUnit.SECONDS) instanceof IllegalStateException);
        } finally {
            p.kill();
        }
    }

    @Test
    void futuresAreCompletedOnTheLoop() throws Exception {
        NettyGProcess p = sh("exit 0");
        CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
        p.join().whenComplete((c, t) -> onLoop.complete(onLoop()));
        p.join().get(30, TimeUnit.SECONDS);
        assertTrue(onLoop.get(30, TimeUnit.SECONDS) || p.join().isDone());
    }

    @Test
    void fiftyUnjoinedChildrenLeaveNoZombie() throws Exception {
        AtomicInteger ended = new AtomicInteger();
        List<GProcess> children = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            children.add(sh("exit " + (i % 3), ended::incrementAndGet));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (GProcess c : children) {
            // Not joined, not asked: only the watch on the loop reaps. Reaped means /proc no longer has it.
            while (Files.exists(Paths.get("/proc/" + c.pid()))) {
                // The message is read only on failure: the pid may vanish between the two looks.
                assertTrue(
                        System.nanoTime() < deadline, () -> "pid " + c.pid() + " still exists: " + statusLine(c.pid()));
                Thread.sleep(10);
            }
        }
        while (ended.get() < 50) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(10);
        }
    }

    private static String statusLine(long pid) {
        try {
            return Files.readAllLines(Paths.get("/proc/" + pid + "/status")).get(2);
        } catch (java.io.IOException e) {
            return "(gone: " + e + ")";
        }
    }
}
