package io.gipc.it.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.testkit.ChildProcesses;
import io.gipc.testkit.ChildResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@link ChildProcesses}: a target run in a child for its exit code, stdout and stderr. */
@EnabledOnOs(OS.LINUX)
class ChildProcessesIT {
    @Test
    void exitCodeStdoutAndStderr() {
        ChildResult r = ChildProcesses.run(Targets::printsThenExits, 7);
        assertEquals(7, r.exitCode());
        assertEquals("to stdout\n", r.stdout());
        assertTrue(r.stderr().endsWith("to stderr\n"), r.stderr());
        assertTrue(r.name().startsWith("GProcess-") && r.pid() > 0, r.toString());
    }

    @Test
    void aThrowingTargetExitsOneWithItsStackTraceOnStderr() {
        ChildResult r = ChildProcesses.run(Targets::fails);
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("java.lang.IllegalArgumentException: bad input, on purpose"), r.stderr());
        assertTrue(r.stderr().contains("at io.gipc.it.testkit.Targets.fails"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void aBuilderKeepsItsSettings() {
        ChildResult r = ChildProcesses.run(Gipc.process(Targets::printsThenExits)
                .args(0)
                .name("configured")
                .jvmOptions("-Xmx64m"));
        assertEquals("configured", r.name());
        assertEquals(0, r.exitCode());
    }

    @Test
    void aChildPastItsTimeoutIsKilledAndWhatItPrintedIsShown() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> ChildProcesses.run(Gipc.process(Targets::printsThenSleeps).name("slow"), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("slow (pid "), e.getMessage());
        assertTrue(e.getMessage().contains("was still running after 5 s; it was killed"), e.getMessage());
        assertTrue(e.getMessage().contains("Its stdout so far:\nstarted\n"), e.getMessage());
        assertEquals(java.util.List.of(), Gipc.activeChildren());
    }
}
