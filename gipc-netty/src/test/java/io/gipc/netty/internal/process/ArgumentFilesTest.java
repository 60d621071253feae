package io.gipc.netty.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The argument files of children are there at every spawn, shared by content, and not left behind. */
class ArgumentFilesTest {
    private static final long TIMEOUT_S = 90;

    static void returns() {}

    /** The file a child of this JVM gets, found the way {@link ProcessStarter} finds it. */
    private static Path argumentFileOfAChild() {
        List<String> argv = ChildCommand.build(
                ChildCommand.currentJava(),
                CodeLayout.ofThisJvm(null, ArgumentFilesTest.class),
                List.of(),
                List.of(),
                1);
        return Path.of(argv.get(1).substring(1));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aChildStartsAfterItsArgumentFileWasDeleted() throws Exception {
        GProcess first = Gipc.startProcess(ArgumentFilesTest::returns);
        assertEquals(0, first.join().get(TIMEOUT_S, TimeUnit.SECONDS));
        first.close();

        Path file = argumentFileOfAChild();
        Files.delete(file); // as a cleaner of temporary files would, on a long-running server

        GProcess second = Gipc.startProcess(ArgumentFilesTest::returns);
        assertEquals(
                0, second.join().get(TIMEOUT_S, TimeUnit.SECONDS), "the java launcher exits 1 on a missing @argfile");
        second.close();
        assertTrue(Files.isRegularFile(file), "written again");
    }

    @Test
    void aTruncatedFileIsWrittenAgain() throws Exception {
        Path file = argumentFileOfAChild();
        String whole = Files.readString(file);
        Files.writeString(file, whole.substring(0, whole.length() / 2));
        assertEquals(file, argumentFileOfAChild());
        assertEquals(whole, Files.readString(file));
    }

    @Test
    void theSamePathsShareOneFileNamedByItsContent() {
        Path a = ArgumentFiles.of("-cp\n\"/x/a.jar\"\n");
        Path b = ArgumentFiles.of("-cp\n\"/x/a.jar\"\n");
        Path c = ArgumentFiles.of("-cp\n\"/x/b.jar\"\n");
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void theTemporaryFilesOfJvmsThatAreGoneAreRemoved(@TempDir Path dir) throws Exception {
        long pidOfNoProcess = 999_999_999; // above any pid_max (at most 2^22 on Linux)
        Path stale = Files.writeString(dir.resolve("gipc-child-paths-" + pidOfNoProcess + "-0123abcd.args"), "x");
        Path ours = Files.writeString(
                dir.resolve("gipc-child-paths-" + ProcessHandle.current().pid() + "-0123abcd.args"), "x");
        Path notOurs = Files.writeString(dir.resolve("gipc-child-paths-other.args"), "x");
        ArgumentFiles.sweepStale(dir);
        assertFalse(Files.exists(stale), "its JVM is gone");
        assertTrue(Files.exists(ours), "this JVM still runs");
        assertTrue(Files.exists(notOurs), "not a name gipc writes");
    }

    @Test
    void withoutACacheDirectoryEachJvmWritesItsOwnTemporaryFile(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
        String before = System.getProperty(CacheDirectory.PROPERTY);
        System.setProperty(CacheDirectory.PROPERTY, blocker.resolve("cache").toString());
        try {
            Path file = ArgumentFiles.of("-cp\n\"/x/only-in-this-test.jar\"\n");
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(), file.getParent());
            assertTrue(
                    file.getFileName()
                            .toString()
                            .startsWith("gipc-child-paths-"
                                    + ProcessHandle.current().pid() + "-"),
                    file.toString());
            Files.delete(file);
            assertEquals(file, ArgumentFiles.of("-cp\n\"/x/only-in-this-test.jar\"\n"));
            assertTrue(Files.exists(file), "written again");
        } finally {
            if (before == null) {
                System.clearProperty(CacheDirectory.PROPERTY);
            } else {
                System.setProperty(CacheDirectory.PROPERTY, before);
            }
        }
    }
}
