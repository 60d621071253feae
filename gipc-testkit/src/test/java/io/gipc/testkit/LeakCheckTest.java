package io.gipc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The leak check, with no gipc implementation: children of any kind, and descriptors. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LeakCheckTest {
    static volatile Process leaked;
    static volatile Pipe leakedPipe;

    @Test
    void aTestThatLeavesAChildRunningFailsNamingItAndTheChildIsKilled() throws Exception {
        SampleRun run = SampleRun.of(LeavesAChild.class, GipcTestExtension.SETTLE_PARAMETER, "500 ms");
        Throwable t = run.failureOf("startsSleep");
        String m = t.getMessage();
        assertTrue(m.startsWith("LeavesAChild.startsSleep() leaked:"), m);
        assertTrue(m.contains("left 1 child process running (killed now): process " + leaked.pid()), m);
        assertTrue(m.contains("sleep 60"), m);
        assertTrue(leaked.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "killed");
        assertEquals(137, leaked.exitValue(), "SIGKILL");
    }

    @Test
    void aTestThatLeavesADescriptorOpenFailsNamingIt() throws Exception {
        SampleRun run = SampleRun.of(LeavesAPipe.class, GipcTestExtension.SETTLE_PARAMETER, "200 ms");
        try {
            String m = run.failureOf("opensAPipe").getMessage();
            assertTrue(m.contains("left 2 descriptors open"), m);
            assertTrue(m.contains("200 ms after it"), m);
            if (OS.LINUX.isCurrentOs()) {
                assertTrue(m.contains("-> pipe:[") || m.contains("-> socket:["), m);
            }
        } finally {
            leakedPipe.source().close();
            leakedPipe.sink().close();
        }
    }

    @Test
    void aCleanTestPasses() {
        SampleRun run = SampleRun.of(Clean.class);
        assertEquals(1, run.tests().size(), run.tests().toString());
        assertNull(run.tests().get("closesWhatItOpens"));
    }

    @Test
    void aChildStartedInBeforeAllAndLeftFailsTheClass() {
        SampleRun run = SampleRun.of(LeavesAChildFromBeforeAll.class, GipcTestExtension.SETTLE_PARAMETER, "500 ms");
        assertNull(run.tests().get("uses"), "the test itself leaked nothing");
        Throwable t = run.classFailure(LeavesAChildFromBeforeAll.class);
        assertNotNull(t, "the class fails");
        assertTrue(t.getMessage().contains(LeavesAChildFromBeforeAll.class.getName() + " leaked:"), t.getMessage());
        assertTrue(t.getMessage().contains("child process"), t.getMessage());
        assertFalse(leaked.isAlive());
    }

    @Test
    void aChildThatEndsWhileTheCheckWaitsIsNoLeak() throws Exception {
        Baseline before = Baseline.take();
        Process p = SleepingChild.start(1);
        List<String> problems = LeakCheck.run(before, Duration.ofSeconds(10), "test");
        assertEquals(List.of(), problems);
        assertFalse(p.isAlive());
    }

    @Sample
    static class LeavesAChild {
        @Test
        void startsSleep() {
            leaked = SleepingChild.start(60);
        }
    }

    @Sample
    static class LeavesAPipe {
        @Test
        void opensAPipe() throws Exception {
            leakedPipe = Pipe.open();
        }
    }

    @Sample
    static class Clean {
        @Test
        void closesWhatItOpens() throws Exception {
            Pipe p = Pipe.open();
            p.sink().close();
            p.source().close();
            Process child = SleepingChild.start(0);
            child.waitFor();
        }
    }

    @Sample
    static class LeavesAChildFromBeforeAll {
        @BeforeAll
        static void start() {
            leaked = SleepingChild.start(60);
        }

        @Test
        void uses() {
            assertTrue(leaked.isAlive());
        }

        @AfterAll
        static void forgetsToStopIt() {}
    }
}
