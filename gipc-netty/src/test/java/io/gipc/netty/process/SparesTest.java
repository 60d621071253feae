package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spare children ({@code Gipc.spares(n)}): a default start takes a ready spare, and the child made from it keeps
 * the promises of a child started cold. Whether a child came from a spare is told by its pid: a spare is a child
 * of this JVM before the start.
 */
@EnabledOnOs(OS.LINUX)
class SparesTest {

    @AfterEach
    void noSparesLeft() throws Exception {
        await(Gipc.spares(0));
    }

    static void returns() {}

    static void throwsSomething() {
        throw new IllegalStateException("thrown on purpose by a test target");
    }

    static void exitsWith(Integer code) {
        System.exit(code);
    }

    static void sleeps() throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
    }

    /** Reports its open sockets (its handles' channels; the bootstrap pipe is no socket) and its gipc handles. */
    static void reportsWhatItHolds(GipcWriter<Object> report) throws Exception {
        long sockets;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            sockets = fds.filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                        } catch (java.io.IOException e) {
                            return false; // the directory's own descriptor, closed meanwhile
                        }
                    })
                    .count();
        }
        report.put(sockets + " sockets, " + Gipc.openHandles().size() + " handles")
                .get();
    }

    /** Starts a child of its own: a grandchild of the test. */
    static void startsAGrandchild(GipcWriter<Object> report) throws Exception {
        GProcess grandchild = Gipc.startProcess(SparesTest::returns);
        report.put(grandchild.join().get()).get();
        grandchild.close();
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    @Test
    void aDefaultStartTakesAReadySpareAndAReplacementIsStarted() throws Exception {
        await(Gipc.spares(1));
        Set<Long> spares = childPids();
        assertEquals(1, spares.size(), "one spare: " + spares);
        GProcess p = Gipc.process(SparesTest::returns).name("from-a-spare").start();
        assertTrue(spares.contains(p.pid()), "the spare became the child");
        assertEquals("from-a-spare", p.name());
        assertEquals(0, exit(p));
        p.close();
        await(Gipc.spares(1));
        Set<Long> now = childPids();
        assertEquals(1, now.size(), "a replacement: " + now);
        assertFalse(now.contains(p.pid()));
    }

    @Test
    void anyOtherSettingStartsAChildTheUsualWay() throws Exception {
        await(Gipc.spares(1));
        Set<Long> spares = childPids();
        GProcess p =
                Gipc.process(SparesTest::returns).jvmOptions("-Dsome.option=1").start();
        assertFalse(spares.contains(p.pid()));
        assertEquals(0, exit(p));
        p.close();
        assertEquals(spares, childPids(), "the spare is still there");
    }

    @Test
    void aChildFromASpareHoldsWhatAColdChildHolds() throws Exception {
        String cold;
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            GProcess p = Gipc.process(SparesTest::reportsWhatItHolds)
                    .args(pipe.writer())
                    .jvmOptions("-Dcold=1")
                    .start();
            cold = (String) await(pipe.reader().get());
            assertEquals(0, exit(p));
            p.close();
        }
        await(Gipc.spares(1));
        Set<Long> spares = childPids();
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            GProcess p = Gipc.startProcess(SparesTest::reportsWhatItHolds, pipe.writer());
            assertTrue(spares.contains(p.pid()));
            assertEquals(cold, await(pipe.reader().get()), "nothing of the spare's own is left open");
            assertEquals(0, exit(p));
            p.close();
        }
        assertTrue(cold.endsWith(" sockets, 1 handles"), cold);
    }

    @Test
    void exitCodesAndSignalsAreThoseOfAColdChild() throws Exception {
        await(Gipc.spares(1));
        GProcess threw = Gipc.startProcess(SparesTest::throwsSomething);
        assertEquals(1, exit(threw));
        threw.close();
        await(Gipc.spares(1));
        GProcess exited = Gipc.startProcess(SparesTest::exitsWith, 7);
        assertEquals(7, exit(exited));
        exited.close();
        await(Gipc.spares(1));
        GProcess sleeping = Gipc.process(SparesTest::sleeps).daemon(true).start();
        assertTrue(sleeping.isDaemon());
        sleeping.terminate();
        assertEquals(-15, exit(sleeping), "SIGTERM at its default action");
        sleeping.close();
    }

    @Test
    void messagesAChildFromASpareLeftUnreadAreAllReadAfterItEnded() throws Exception {
        int count = 20; // 38 KB in all: they fit in the socket's buffer, so the child can end before any is read
        await(Gipc.spares(1));
        Set<Long> spares = childPids();
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            GProcess p = Gipc.startProcess(GProcessExitTest::putAndReturn, pipe.writer(), count);
            assertTrue(spares.contains(p.pid()));
            assertEquals(0, exit(p), "the child ended before this process read anything");
            p.close();
            for (int i = 0; i < count; i++) {
                assertEquals(GProcessExitTest.numbered(i), await(pipe.reader().get()), "message " + i);
            }
        }
    }

    @Test
    void aShutdownHookOfATargetInASpareRunsWhenItReturns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hook.txt");
        await(Gipc.spares(1));
        Set<Long> spares = childPids();
        GProcess p = Gipc.startProcess(GProcessExitTest::addsAShutdownHook, file.toString());
        assertTrue(spares.contains(p.pid()));
        assertEquals(0, exit(p));
        p.close();
        assertEquals("the hook ran", Files.readString(file));
    }

    @Test
    void aChildFromASpareStartsChildrenOfItsOwn() throws Exception {
        await(Gipc.spares(1));
        Set<Long> spares = childPids();
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            GProcess p = Gipc.startProcess(SparesTest::startsAGrandchild, pipe.writer());
            assertTrue(spares.contains(p.pid()));
            assertEquals(0, await(pipe.reader().get()), "the grandchild's exit code");
            assertEquals(0, exit(p));
            p.close();
        }
    }

    @Test
    void idleSparesAreNotActiveChildrenAndSparesZeroEndsThem() throws Exception {
        Set<Long> before = childPids();
        await(Gipc.spares(2));
        assertEquals(2, childPids().size() - before.size());
        assertEquals(0, Gipc.activeChildren().size(), "idle spares are nobody's GProcess");
        await(Gipc.spares(0));
        assertEquals(before, childPids(), "ended and reaped when the future completes");
    }

    /**
     * A parent of its own: takes a spare for a child (daemon or not, {@code -Ddaemon=...}) that sleeps, prints
     * the child's pid, and dies without any clean-up.
     */
    public static final class DyingParent {
        public static void main(String[] args) throws Exception {
            Gipc.spares(1).get(TIMEOUT_S, TimeUnit.SECONDS);
            Set<Long> spares = childPids();
            GProcess child = Gipc.process(SparesTest::sleeps)
                    .daemon(Boolean.getBoolean("daemon"))
                    .start();
            System.out.println("from a spare: " + spares.contains(child.pid()));
            System.out.println("child " + child.pid());
            Thread.sleep(500); // the child runs its target
            Runtime.getRuntime().halt(0);
        }
    }

    /** Runs {@link DyingParent} with its output in a file (a pipe would stay open while the child runs). */
    private static ProcessHandle childOfADyingParent(boolean daemon, Path dir) throws Exception {
        Path out = dir.resolve("parent-" + daemon + ".txt");
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 24) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(List.of(
                "-Ddaemon=" + daemon, "-cp", System.getProperty("java.class.path"), DyingParent.class.getName()));
        Process parent = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertTrue(parent.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "the parent did not end");
        String text = Files.readString(out);
        assertTrue(text.contains("from a spare: true"), text);
        long pid = Long.parseLong(text.lines()
                .filter(l -> l.startsWith("child "))
                .findFirst()
                .orElseThrow()
                .substring("child ".length())
                .trim());
        return ProcessHandle.of(pid).orElse(null);
    }

    @Test
    void aDaemonChildFromASpareEndsWithItsParentAndANonDaemonOneKeepsRunning(@TempDir Path dir) throws Exception {
        ProcessHandle daemon = childOfADyingParent(true, dir);
        if (daemon != null) {
            assertTrue(daemon.onExit().get(TIMEOUT_S, TimeUnit.SECONDS) != null, "the daemon child ended");
        }
        ProcessHandle nonDaemon = childOfADyingParent(false, dir);
        try {
            assertTrue(nonDaemon != null && nonDaemon.isAlive(), "the non-daemon child outlives its parent");
            Thread.sleep(1000);
            assertTrue(nonDaemon.isAlive(), "still running a second later");
        } finally {
            if (nonDaemon != null) {
                nonDaemon.destroyForcibly();
            }
        }
    }

    @Test
    void aNegativeNumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Gipc.spares(-1));
    }
}
