package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.netty.internal.launcher.LauncherExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Daemon and non-daemon children around their parent's end (docs/api.md, Processes 7). */
@EnabledOnOs(OS.LINUX)
class GProcessLifetimeTest {

    /** Reports its pid and sleeps; ended only from outside. */
    static void reportPidThenSleep(GipcWriter<Object> out) throws Exception {
        out.put(ProcessHandle.current().pid()).get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 2));
    }

    /** A middle process: starts a daemon grandchild that reports to {@code out}, then waits to be killed. */
    static void parentOfDaemon(GipcWriter<Object> out) throws Exception {
        start(Gipc.process(GProcessLifetimeTest::reportPidThenSleep).args(out).daemon(true));
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 2));
    }

    static void reportPidThenWork(GipcWriter<Object> out) throws Exception {
        out.put(ProcessHandle.current().pid()).get();
        Thread.sleep(1000);
    }

    /**
     * Starts a daemon and a non-daemon child and returns, unjoined, once told to (after both reported their
     * pids): its JVM exit must handle both.
     */
    static void leaveChildrenBehind(GipcWriter<Object> daemonPid, GipcWriter<Object> report, GipcReader<Object> go)
            throws Exception {
        start(Gipc.process(GProcessLifetimeTest::reportPidThenSleep)
                .args(daemonPid)
                .daemon(true));
        start(Gipc.process(GProcessLifetimeTest::reportPidThenWork).args(report));
        go.get().get();
    }

    @Test
    void aDaemonChildEndsWhenItsParentIsKilled() throws Exception {
        try (GipcPipe<Object> p = Gipc.pipe()) {
            GProcess middle =
                    start(Gipc.process(GProcessLifetimeTest::parentOfDaemon).args(p.writer()));
            long daemonPid = ((Number) p.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS)).longValue();
            assertTrue(Files.exists(Path.of("/proc/" + daemonPid)), "the daemon runs before its parent dies");
            middle.kill();
            assertEquals(-9, exit(middle));
            Children.awaitGone(daemonPid);
        }
    }

    @Test
    void atNormalExitDaemonsAreTerminatedAndOthersWaitedFor() throws Exception {
        try (GipcPipe<Object> daemon = Gipc.pipe();
                GipcPipe<Object> report = Gipc.pipe();
                GipcPipe<Object> go = Gipc.pipe()) {
            GProcess parent = start(Gipc.process(GProcessLifetimeTest::leaveChildrenBehind)
                    .args(daemon.writer(), report.writer(), go.reader()));
            long daemonPid = ((Number) daemon.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS)).longValue();
            long workerPid = ((Number) report.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS)).longValue();
            go.writer().put("go").get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(0, exit(parent));
            // The parent reaped its non-daemon child before it exited: waited for, not left behind.
            assertFalse(Files.exists(Path.of("/proc/" + workerPid)), "the non-daemon child outlived its parent");
            Children.awaitGone(daemonPid);
        }
    }

    @Test
    void theLauncherRefusesToRunByHand() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.gipc.netty.internal.launcher.ChildMain")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(LauncherExitCodes.BAD_COMMAND_LINE, p.exitValue(), out);
        assertTrue(out.contains("not by hand"), out);
    }
}
