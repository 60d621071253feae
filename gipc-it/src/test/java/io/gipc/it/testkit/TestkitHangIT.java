package io.gipc.it.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.testkit.GipcTest;
import io.gipc.testkit.Sample;
import io.gipc.testkit.SampleRun;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The hang guard against gipc-netty: a test blocked in {@code join()} on a {@code get()} that never completes,
 * or on a child that never ends, fails with a report at its limit, and the build goes on.
 */
@EnabledOnOs(OS.LINUX)
class TestkitHangIT {
    static volatile GProcess child;

    private static void assertFinds(String regex, String text) {
        assertTrue(Pattern.compile(regex, Pattern.DOTALL).matcher(text).find(), "no /" + regex + "/ in:\n" + text);
    }

    @Test
    void aJoinOnAGetThatNeverCompletesIsReportedAndEnded() {
        long start = System.nanoTime();
        Throwable t = SampleRun.of(HangsOnAGet.class).failureOf("waitsForAMessage");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        String m = t.getMessage();
        assertFinds(
                "^HangsOnAGet\\.waitsForAMessage\\(\\) did not end within its time limit of 1 s\\.\n"
                        + "Open gipc handles: 2\n"
                        + "  GipcReader#\\d+ \\(fd \\d+\\) \\[locked: 1 get\\(\\) pending for \\d\\.\\d s\\]  \\(since the test"
                        + " began\\)\n"
                        + "  GipcWriter#\\d+ \\(fd \\d+\\) \\[open\\]  \\(since the test began\\)\n"
                        + "Live child processes: none\n"
                        + "Cleanup: killed 0 child processes, closed 0 raw peers and 2 handles opened since the test began"
                        + " \\(1 by force, failing their pending operations\\)\\.\n"
                        + "Its thread then ended with java\\.util\\.concurrent\\.CompletionException: "
                        + "io\\.gipc\\.GipcClosedException: GipcReader#\\d+ \\(fd \\d+\\) was closed by force: "
                        + "HangsOnAGet\\.waitsForAMessage\\(\\) ran past its time limit of 1 s",
                m);
        assertTrue(seconds < 20, "took " + seconds + " s");
        assertEquals(List.of(), Gipc.openHandles());
    }

    @Test
    void aJoinOnAChildThatNeverEndsIsReportedAndTheChildKilled() throws Exception {
        String m = SampleRun.of(HangsOnAChild.class).failureOf("joinsASleeper").getMessage();
        assertFinds(
                "Live child processes: 1\n  GProcess\\[sleeper, pid " + child.pid() + ", running\\]  \\(since the"
                        + " test began\\)\nCleanup: killed 1 child process,",
                m);
        assertFinds("Its thread then ended\\.", m);
        assertEquals(-9, child.join().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aPutCarryingAHandleIsReportedWithTheHandleItReserved() {
        String m = SampleRun.of(HangsOnAPutCarryingAHandle.class)
                .failureOf("putsBehindAFullSocket")
                .getMessage();
        assertFinds(
                "\n  GipcReader#\\d+ \\(fd \\d+\\) \\[open, being transferred to a message on GipcWriter#\\d+"
                        + " \\(fd \\d+\\)\\]  \\(since the test began\\)\n",
                m);
        assertFinds("\n  GipcWriter#\\d+ \\(fd \\d+\\) \\[locked: 2 put\\(\\) pending for \\d\\.\\d s\\]", m);
        assertEquals(List.of(), Gipc.openHandles());
    }

    static void sleepLong() throws InterruptedException {
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    @Sample
    @GipcTest(timeout = 1)
    static class HangsOnAGet {
        @Test
        void waitsForAMessage() {
            GipcPipe<String> pipe = Gipc.pipe();
            pipe.reader().get().join(); // no one writes: not interruptible
        }
    }

    @Sample
    @GipcTest(timeout = 1)
    static class HangsOnAPutCarryingAHandle {
        @Test
        void putsBehindAFullSocket() {
            GipcPipe<Object> carrier = Gipc.pipe();
            GipcPipe<String> inner = Gipc.pipe();
            carrier.writer().put(new byte[8 << 20]); // no one reads: the socket fills, the next put waits
            carrier.writer()
                    .put(new java.util.ArrayList<>(List.of(inner.reader())))
                    .join();
        }
    }

    @Sample
    @GipcTest(timeout = 2)
    static class HangsOnAChild {
        @Test
        void joinsASleeper() {
            child = Gipc.process(TestkitHangIT::sleepLong).name("sleeper").start();
            child.join().join();
        }
    }
}
