package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold child's start without Netty (docs/design.md, "Starting a child"): the bootstrap message comes on a pipe
 * read with plain Java streams, a daemon child watches its parent without a native call, and the transport loads
 * only for handles or a target that uses gipc. What a child loaded is read from its {@code -Xlog:class+load} log.
 */
@EnabledOnOs(OS.LINUX)
class ColdStartTest {
    /** Larger than a Linux pipe's buffer (64 KiB) many times over. */
    private static final int LARGE = 4 << 20;

    /** Loaded by a target as its last act: in a class-load log, what comes before it came before the target's end. */
    static final class Marker {
        static void touch() {}
    }

    static void returnsAfterMarker() {
        Marker.touch();
    }

    static void sleepsAfterMarker() throws InterruptedException {
        Marker.touch();
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 2));
    }

    /** Exits 42 if the argument is the large string the test sent, whole. */
    static void checksLargeArgument(String s) {
        boolean whole = s.length() == LARGE && s.chars().allMatch(c -> c == 'x');
        System.exit(whole ? 42 : 1);
    }

    /** A middle process: starts a daemon grandchild without handles, reports its pid, then waits to be killed. */
    static void parentOfADaemonWithoutHandles(GipcWriter<Object> out, String log) throws Exception {
        GProcess daemon = start(
                Gipc.process(ColdStartTest::sleepsAfterMarker).daemon(true).jvmOptions("-Xlog:class+load:file=" + log));
        out.put(daemon.pid()).get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 2));
    }

    /**
     * A child without handles that uses gipc: puts a large message for a grandchild and returns at once. Its
     * launcher must wait for the put before the JVM exits, though no handle was inherited.
     */
    static void putsForAGrandchildThenReturns(String file) {
        GipcPipe<Object> pipe = Gipc.pipe();
        start(Gipc.process(ColdStartTest::writesTheLengthItGets).args(pipe.reader(), file));
        pipe.writer().put(new byte[LARGE]); // not waited for here
        Marker.touch();
    }

    static void writesTheLengthItGets(GipcReader<Object> in, String file) throws Exception {
        byte[] got = (byte[]) in.get().get(TIMEOUT_S, TimeUnit.SECONDS);
        Files.writeString(Path.of(file), Integer.toString(got.length));
    }

    @Test
    void aChildWithoutHandlesLoadsNeitherNettyNorJnaBeforeItsTargetEnds(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        GProcess p = start(Gipc.process(ColdStartTest::returnsAfterMarker).jvmOptions("-Xlog:class+load:file=" + log));
        assertEquals(0, exit(p));
        p.close();
        List<String> before = loadedBefore(Marker.class, log);
        assertTrue(
                before.stream().anyMatch(l -> l.contains(" io.gipc.netty.internal.launcher.ChildMain ")),
                log::toString);
        assertNoneOf(before, " io.netty.", " com.sun.jna.", " io.gipc.netty.internal.transport.");
    }

    @Test
    void aChildWithoutHandlesMakesNoReflectiveCallBeforeItsTarget(@TempDir Path dir) throws Exception {
        // From JDK 18 reflection goes through method handles, and a JVM's first reflective call spins classes
        // for them (about 20 ms on JDK 25): the launcher reads its bootstrap message without any.
        assumeTrue(Runtime.version().feature() >= 18, "reflection through method handles: JDK 18 and later");
        Path log = dir.resolve("classes.log");
        GProcess p = start(Gipc.process(ColdStartTest::returnsAfterMarker).jvmOptions("-Xlog:class+load:file=" + log));
        assertEquals(0, exit(p));
        p.close();
        assertNoneOf(
                loadedBefore(Marker.class, log),
                " jdk.internal.reflect.DirectConstructorHandleAccessor ",
                " jdk.internal.reflect.DirectMethodHandleAccessor ");
    }

    @Test
    void aChildWithAHandleStillGetsIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            GProcess p = start(Gipc.process(GProcessHandleTest::listDescriptors)
                    .args(pipe.writer())
                    .jvmOptions("-Xlog:class+load:file=" + log));
            assertEquals(2, ((List<?>) await(pipe.reader().get())).size());
            assertEquals(0, exit(p));
            p.close();
        }
        // the other side of the test above: the class-load log does show the transport when a child needs it
        assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.contains(" io.netty.channel.")), log::toString);
    }

    @Test
    void aDaemonChildWithoutNettySeesItsParentDie(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("daemon-classes.log");
        try (GipcPipe<Object> p = Gipc.pipe()) {
            GProcess middle = start(
                    Gipc.process(ColdStartTest::parentOfADaemonWithoutHandles).args(p.writer(), log.toString()));
            long daemonPid = ((Number) await(p.reader().get())).longValue();
            awaitMarker(log);
            assertTrue(Files.exists(Path.of("/proc/" + daemonPid)), "the daemon runs before its parent dies");
            middle.kill();
            assertEquals(-9, exit(middle));
            middle.close();
            Children.awaitGone(daemonPid);
        }
        // it halted (no archive warm-up after a target's end): nothing of the transport ever loaded
        assertNoneOf(Files.readAllLines(log), " io.netty.", " com.sun.jna.", " io.gipc.netty.internal.transport.");
    }

    @Test
    void aBootstrapLargerThanThePipeArrivesWithoutBlockingTheCaller(@TempDir Path dir) throws Exception {
        // A java that waits at a gate: the child cannot read before startProcess has returned, so a start that
        // wrote the whole bootstrap on the caller's thread would never return.
        Path gate = dir.resolve("gate");
        Path java = dir.resolve("gated-java");
        Files.writeString(
                java,
                "#!/bin/sh\nwhile [ ! -e \"$GIPC_TEST_GATE\" ]; do sleep 0.05; done\nexec '"
                        + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n",
                StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        char[] large = new char[LARGE];
        Arrays.fill(large, 'x');
        GProcess p = start(Gipc.process(ColdStartTest::checksLargeArgument)
                .args(new String(large))
                .javaExecutable(java)
                .environment("GIPC_TEST_GATE", gate.toString()));
        Files.createFile(gate);
        assertEquals(42, exit(p));
        p.close();
    }

    @Test
    void aChildWithoutHandlesThatUsesGipcHasItsPutsWrittenBeforeItExits(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("length");
        GProcess p = start(Gipc.process(ColdStartTest::putsForAGrandchildThenReturns)
                .args(file.toString())
                .jvmOptions("-Xlog:class+load:file=" + dir.resolve("classes-%p.log")));
        assertEquals(0, exit(p)); // its JVM's exit also waited for the (non-daemon) grandchild
        p.close();
        assertEquals(Integer.toString(LARGE), Files.readString(file));
        // No handle told the launcher that the target used gipc: it knew anyway, and after the target it settled
        // the puts and stopped the loops through the class that does that.
        Path log = dir.resolve("classes-" + p.pid() + ".log");
        assertTrue(
                loadedAfter(Marker.class, log).stream()
                        .anyMatch(l -> l.contains(" io.gipc.netty.internal.launcher.LauncherHandles ")),
                log::toString);
    }

    /** The lines of a class-load log before the one that loads {@code marker}; fails if it never loaded. */
    private static List<String> loadedBefore(Class<?> marker, Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        String name = " " + marker.getName() + " ";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(name)) {
                return lines.subList(0, i);
            }
        }
        throw new AssertionError(marker.getName() + " was never loaded: " + log);
    }

    /** The lines of a class-load log after the one that loads {@code marker}. */
    private static List<String> loadedAfter(Class<?> marker, Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(loadedBefore(marker, log).size() + 1, lines.size());
    }

    private static void assertNoneOf(List<String> lines, String... prefixes) {
        for (String line : lines) {
            for (String prefix : prefixes) {
                assertFalse(line.contains(prefix), "loaded: " + line);
            }
        }
    }

    private static void awaitMarker(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!Files.exists(log)
                || Files.readAllLines(log).stream().noneMatch(l -> l.contains(Marker.class.getName()))) {
            assertTrue(System.nanoTime() < deadline, "the daemon's target never ran");
            Thread.sleep(20);
        }
    }
}
