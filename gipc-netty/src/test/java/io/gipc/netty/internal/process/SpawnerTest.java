package io.gipc.netty.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.ptr.IntByReference;
import io.gipc.GipcException;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.PosixConstants.Signal;
import io.gipc.netty.internal.posix.SocketPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Spawns {@code /bin/sleep} and inspects it through /proc while it runs. */
@EnabledOnOs(OS.LINUX)
class SpawnerTest {
    private final List<Integer> fds = new ArrayList<>();
    private final List<Integer> pids = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        fds.forEach(SocketPair::closeQuietly);
        for (int pid : pids) {
            LibC.get().kill(pid, Signal.SIGKILL);
            LibC.get().waitpid(pid, new IntByReference(), 0);
        }
    }

    private int[] pair() {
        int[] p = SocketPair.open();
        fds.add(p[0]);
        fds.add(p[1]);
        return p;
    }

    private int sleeper(int[] inherited, Path cwd, List<String> env) {
        int pid = Spawner.spawn(new Spawner.Spec(Paths.get("/bin/sleep"), List.of("sleep", "60"), env, cwd, inherited));
        pids.add(pid);
        return pid;
    }

    private static String link(String path) throws IOException {
        return Files.readSymbolicLink(Paths.get(path)).toString();
    }

    /** Waits until exec replaced the spawned image (before that /proc shows the parent's copy). */
    /**
     * Waits until the child is {@code sleep}, sleeping: right after exec, sleep's own start-up (locale files)
     * can hold a descriptor for a moment, which is not one the parent handed down.
     */
    private static void awaitExec(int pid) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!link("/proc/" + pid + "/exe").endsWith("sleep") || !asleep(pid)) {
            assertTrue(System.nanoTime() < deadline, "pid " + pid + " never became a sleeping sleep");
            Thread.sleep(5);
        }
    }

    private static boolean asleep(int pid) throws IOException {
        String wchan = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/wchan"))).trim();
        if (!wchan.isEmpty() && !wchan.equals("0")) {
            return wchan.contains("sleep");
        }
        // No wait channel shown by this kernel: settle for a state of S (sleeping) in /proc/<pid>/stat.
        String stat = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("S");
    }

    private static TreeSet<Integer> openFds(int pid) throws IOException {
        try (Stream<Path> s = Files.list(Paths.get("/proc/" + pid + "/fd"))) {
            return s.map(p -> Integer.parseInt(p.getFileName().toString()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void childHoldsExactlyStdioAndTheGivenDescriptors() throws Exception {
        int[] a = pair();
        int[] b = pair();
        int pid = sleeper(new int[] {a[1], b[1]}, null, ChildCommand.environment(true, Map.of()));
        awaitExec(pid);
        assertEquals(new TreeSet<>(List.of(0, 1, 2, 3, 4)), openFds(pid));
        assertEquals(link("/proc/self/fd/" + a[1]), link("/proc/" + pid + "/fd/3"));
        assertEquals(link("/proc/self/fd/" + b[1]), link("/proc/" + pid + "/fd/4"));
    }

    @Test
    void sourcesInsideTheTargetRangeAreMovedOutOfTheWayFirst() throws Exception {
        // Enough descriptors that the target range 3..3+n covers many of the sources, in reverse order so
        // that a naive sequence of dup2 would clobber sources before they are copied.
        // However many descriptors the JVM already holds, make pairs until some fall inside the target range.
        List<Integer> sources = new ArrayList<>();
        while (sources.size() < 50 || sources.stream().noneMatch(fd -> fd < 3 + sources.size())) {
            assertTrue(sources.size() < 1000, "could not get descriptors inside the target range");
            int[] p = pair();
            sources.add(p[0]);
            sources.add(p[1]);
        }
        java.util.Collections.reverse(sources);
        int[] inherited = sources.stream().mapToInt(Integer::intValue).toArray();
        int n = inherited.length;
        assertTrue(sources.stream().anyMatch(fd -> fd >= 3 && fd < 3 + n), "the test needs overlapping numbers");
        int pid = sleeper(inherited, null, List.of());
        awaitExec(pid);
        TreeSet<Integer> expected = new TreeSet<>(List.of(0, 1, 2));
        for (int i = 0; i < n; i++) {
            expected.add(3 + i);
        }
        assertEquals(expected, openFds(pid));
        for (int i = 0; i < n; i++) {
            assertEquals(
                    link("/proc/self/fd/" + inherited[i]),
                    link("/proc/" + pid + "/fd/" + (3 + i)),
                    "child fd " + (3 + i) + " should be parent fd " + inherited[i]);
        }
    }

    @Test
    void workingDirectoryEnvironmentAndSignalsAreSet() throws Exception {
        Path dir = Files.createTempDirectory("gipc-spawn").toRealPath();
        try {
            int pid = sleeper(new int[0], dir, List.of("GIPC_SPAWN_TEST=yes"));
            awaitExec(pid);
            assertEquals(dir.toString(), link("/proc/" + pid + "/cwd"));
            String environ = "";
            for (int i = 0; i < 1000 && environ.isEmpty(); i++) { // empty while exec is still setting up
                environ = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/environ"))).replace('\0', '\n');
                Thread.sleep(environ.isEmpty() ? 5 : 0);
            }
            assertEquals("GIPC_SPAWN_TEST=yes\n", environ);
            List<String> status = Files.readAllLines(Paths.get("/proc/" + pid + "/status"));
            assertTrue(status.contains("SigBlk:\t0000000000000000"), status.toString());
            // glibc leaves its two reserved signals (32, 33) ignored in the child; nothing else may be.
            String ignored = status.stream()
                    .filter(l -> l.startsWith("SigIgn:"))
                    .findFirst()
                    .orElseThrow();
            long mask =
                    Long.parseUnsignedLong(ignored.substring("SigIgn:".length()).trim(), 16);
            assertEquals(0L, mask & ~0x180000000L, ignored);
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aMissingExecutableIsReportedWithItsPath() {
        GipcException e = assertThrows(
                GipcException.class,
                () -> Spawner.spawn(new Spawner.Spec(
                        Paths.get("/nonexistent/gipc-java"), List.of("x"), List.of(), null, new int[0])));
        assertTrue(e.getMessage().contains("/nonexistent/gipc-java"), e.getMessage());
        assertTrue(e.getMessage().contains("errno"), e.getMessage());
    }

    @Test
    void aRelativeExecutableIsRefused() {
        GipcException e = assertThrows(
                GipcException.class,
                () -> Spawner.spawn(
                        new Spawner.Spec(Paths.get("bin/java"), List.of("x"), List.of(), null, new int[0])));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    }
}
