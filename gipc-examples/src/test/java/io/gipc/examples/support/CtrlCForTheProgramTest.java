package io.gipc.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What the demo and example profiles run in Maven's JVM: the first SIGINT leaves that JVM running, the second
 * ends it with 130, and a program it starts afterwards gets SIGINT at its default (caught, not ignored: an ignored
 * signal would stay ignored in the program, which could then not stop on Ctrl-C).
 */
@EnabledOnOs(OS.LINUX)
class CtrlCForTheProgramTest {
    private static final long SIGINT_BIT = 1L << (2 - 1);
    private static final long TIMEOUT_S = 60;

    /** Plays Maven's JVM: installs the handler, starts a program (here {@code sleep}), reports its pid, waits. */
    static void mavenLike(GipcWriter<Object> report) throws Exception {
        CtrlCForTheProgram.main(new String[0]);
        Process program = new ProcessBuilder("sleep", "600").start();
        report.put(program.pid()).get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 2));
    }

    @Test
    void theFirstCtrlCIsLeftToTheProgramTheSecondStopsMaven() throws Exception {
        long programPid = -1;
        try (GipcPipe<Object> report = Gipc.pipe()) {
            // A gipc child starts with SIGINT at its default, whatever the test JVM had.
            GProcess maven = Gipc.startProcess(CtrlCForTheProgramTest::mavenLike, report.writer());
            programPid = ((Number) report.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS)).longValue();

            assertEquals(0, mask(programPid, "SigIgn") & SIGINT_BIT, "the program was started with SIGINT ignored");
            assertEquals(SIGINT_BIT, mask(maven.pid(), "SigCgt") & SIGINT_BIT, "Maven's JVM does not catch SIGINT");

            interrupt(maven.pid());
            awaitDelivered(maven.pid()); // two SIGINTs still pending would merge into one
            interrupt(maven.pid());
            assertEquals(
                    130,
                    maven.join().get(TIMEOUT_S, TimeUnit.SECONDS),
                    "the first SIGINT must leave the JVM running (without the handler it dies of it: -2)");
        } finally {
            if (programPid > 0) {
                ProcessHandle.of(programPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static void interrupt(long pid) throws Exception {
        assertEquals(
                0,
                new ProcessBuilder("kill", "-INT", Long.toString(pid))
                        .inheritIO()
                        .start()
                        .waitFor());
    }

    /** Waits until no SIGINT is pending for the process any more: its JVM has taken the signal. */
    private static void awaitDelivered(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while ((mask(pid, "ShdPnd") & SIGINT_BIT) != 0 || (mask(pid, "SigPnd") & SIGINT_BIT) != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("SIGINT still pending for " + pid + " after " + TIMEOUT_S + " s");
            }
            Thread.sleep(5);
        }
    }

    /** A signal mask line of /proc/PID/status, such as SigIgn. */
    private static long mask(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseUnsignedLong(line.substring(field.length() + 1).trim(), 16);
            }
        }
        throw new AssertionError("no " + field + " in /proc/" + pid + "/status");
    }
}
