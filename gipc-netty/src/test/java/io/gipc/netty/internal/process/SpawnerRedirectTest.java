package io.gipc.netty.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.ptr.IntByReference;
import io.gipc.GipcException;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.WaitStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A spawned process's stdout and stderr sent to files (posix_spawn_file_actions_addopen onto 1 and 2). */
@EnabledOnOs(OS.LINUX)
class SpawnerRedirectTest {
    @TempDir
    Path dir;

    private static int runShell(String script, Path stdout, Path stderr) {
        int pid = Spawner.spawn(new Spawner.Spec(
                Paths.get("/bin/sh"), List.of("sh", "-c", script), List.of(), null, new int[0], stdout, stderr));
        IntByReference status = new IntByReference();
        assertEquals(pid, LibC.get().waitpid(pid, status, 0));
        return WaitStatus.exitCode(status.getValue());
    }

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    @Test
    void stdoutAndStderrGoToTheirFiles() throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        assertEquals(3, runShell("echo to-out; echo to-err >&2; exit 3", out, err));
        assertEquals("to-out\n", read(out));
        assertEquals("to-err\n", read(err));
    }

    @Test
    void anExistingFileIsTruncated() throws Exception {
        Path out = dir.resolve("out.txt");
        Files.writeString(out, "a much longer text that was there before\n");
        assertEquals(0, runShell("echo short", out, null));
        assertEquals("short\n", read(out));
    }

    @Test
    void theSameFileForBothKeepsTheirOrder() throws Exception {
        Path both = dir.resolve("both.txt");
        assertEquals(
                0,
                runShell(
                        "echo 1; echo 2 >&2; echo 3; echo 4 >&2",
                        both,
                        dir.resolve(".").resolve("both.txt")));
        assertEquals("1\n2\n3\n4\n", read(both));
    }

    @Test
    void onlyStderrRedirected() throws Exception {
        Path err = dir.resolve("err.txt");
        assertEquals(0, runShell("echo only-err >&2", null, err));
        assertEquals("only-err\n", read(err));
    }

    @Test
    void aFileThatCannotBeOpenedIsNamedAndNothingIsSpawned() {
        Path bad = dir.resolve("no-such-directory").resolve("err.txt");
        long children = ProcessHandle.current().children().count();
        GipcException e = assertThrows(
                GipcException.class,
                () -> Spawner.spawn(new Spawner.Spec(
                        Paths.get("/bin/true"), List.of("true"), List.of(), null, new int[0], null, bad)));
        assertTrue(
                e.getMessage().contains("standard error") && e.getMessage().contains(bad.toString()), e.getMessage());
        assertEquals(children, ProcessHandle.current().children().count(), "no child was spawned");
    }
}
