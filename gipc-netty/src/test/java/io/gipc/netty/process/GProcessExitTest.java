package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import io.gipc.netty.internal.launcher.LauncherExitCodes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** How a child ends, and what its {@link GProcess} says about it (docs/api.md, Processes 5 and 6). */
@EnabledOnOs(OS.LINUX)
class GProcessExitTest {

    static void returns() {}

    static void throwsSomething() {
        throw new IllegalStateException("thrown on purpose by a test target");
    }

    static void exitsWith(Integer code) {
        System.exit(code);
    }

    /** Message {@code i} of {@link #putAndReturn}: its number, then {@code i * 200} letters. */
    static String numbered(int i) {
        return i + ":" + "x".repeat(i * 200);
    }

    /** Puts {@code count} messages without waiting for one of them, and returns: the launcher writes them all. */
    static void putAndReturn(GipcWriter<Object> out, Integer count) {
        for (int i = 0; i < count; i++) {
            out.put(numbered(i));
        }
    }

    /** Adds a shutdown hook that writes {@code file}, and returns. */
    static void addsAShutdownHook(String file) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(file), "the hook ran");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    /** Says it is ready (the launcher has reset the signals by then), then waits to be signalled. */
    static void readyThenSleep(GipcWriter<Object> ready) throws Exception {
        ready.put("ready").get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 2));
    }

    @Test
    void returningTargetExitsZero() throws Exception {
        GProcess p = start(Gipc.process(GProcessExitTest::returns));
        assertEquals(0, exit(p));
        assertEquals(0, p.exitCode());
        assertEquals(0, p.exitValue());
        assertFalse(p.isAlive());
        assertTrue(Pattern.matches("GProcess-\\d+", p.name()), p.name());
        assertFalse(p.isDaemon());
    }

    @Test
    void messagesAChildLeftUnreadAreAllReadAfterItEnded() throws Exception {
        // 20 messages, 38 KB in all: they fit in the socket's buffer, so the child can end before any is read.
        int count = 20;
        try (GipcPipe<Object> p = Gipc.pipe()) {
            GProcess c = start(Gipc.process(GProcessExitTest::putAndReturn).args(p.writer(), count));
            assertEquals(0, exit(c), "the child ended before this process read anything");
            for (int i = 0; i < count; i++) {
                assertEquals(numbered(i), p.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS), "message " + i);
            }
            ExecutionException end = assertThrows(
                    ExecutionException.class, () -> p.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            assertInstanceOf(GipcEofException.class, end.getCause(), "nothing after the last message");
        }
    }

    @Test
    void aShutdownHookOfTheTargetRunsWhenItReturns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hook.txt");
        assertEquals(
                0, exit(start(Gipc.process(GProcessExitTest::addsAShutdownHook).args(file.toString()))));
        assertEquals("the hook ran", Files.readString(file), "as at the end of a Java main");
    }

    @Test
    void throwingTargetExitsOne() throws Exception {
        assertEquals(
                1, exit(start(Gipc.process(GProcessExitTest::throwsSomething).name("thrower"))));
    }

    @Test
    void systemExitGivesItsCode() throws Exception {
        assertEquals(42, exit(start(Gipc.process(GProcessExitTest::exitsWith).args(42))));
    }

    @Test
    void killGivesMinusNineAndTerminateMinusFifteen() throws Exception {
        try (GipcPipe<Object> p1 = Gipc.pipe();
                GipcPipe<Object> p2 = Gipc.pipe()) {
            GProcess killed =
                    start(Gipc.process(GProcessExitTest::readyThenSleep).args(p1.writer()));
            GProcess terminated =
                    start(Gipc.process(GProcessExitTest::readyThenSleep).args(p2.writer()));
            assertEquals("ready", p1.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals("ready", p2.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));

            assertTrue(killed.isAlive());
            assertNull(killed.exitCode());
            assertNull(killed.join(Duration.ofMillis(50)).get(TIMEOUT_S, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, killed::close);

            killed.kill();
            terminated.terminate();
            assertEquals(-9, exit(killed));
            assertEquals(-15, exit(terminated));
            assertEquals(128 + 9, killed.exitValue());
            assertEquals(128 + 15, terminated.waitFor());
            assertEquals(-9, killed.join(Duration.ofSeconds(1)).get(TIMEOUT_S, TimeUnit.SECONDS));

            killed.close();
            assertThrows(IllegalStateException.class, killed::isAlive);
            assertThrows(IllegalStateException.class, killed::join);
            assertThrows(IllegalStateException.class, killed::exitCode);
        }
    }

    @Test
    void aTargetTheChildCannotLoadGivesTheDocumentedCode() throws Exception {
        // The child's class path lacks the test classes, where this target lives.
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.endsWith("test-classes")) {
                cp.add(e);
            }
        }
        GProcess p = start(Gipc.process(GProcessExitTest::returns).classpath(cp));
        assertEquals(LauncherExitCodes.TARGET_NOT_LOADABLE, exit(p));
    }

    @Test
    void fiftyChildrenEndingUnjoinedLeaveNoZombie() throws Exception {
        List<GProcess> children = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            List<GProcess> started = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                started.add(start(Gipc.process(GProcessExitTest::returns)));
            }
            // Wait (without join, exitCode or isAlive, which reap) until this batch is gone before the next,
            // to keep memory in bounds.
            for (GProcess c : started) {
                Children.awaitGone(c.pid());
            }
            children.addAll(started);
        }
        for (GProcess c : children) {
            assertEquals(0, c.join().getNow(null), c.toString());
        }
    }
}
