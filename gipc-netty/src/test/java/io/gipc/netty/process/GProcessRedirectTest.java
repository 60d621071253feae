package io.gipc.netty.process;

import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code GProcessBuilder.redirectOutput} and {@code redirectError}: a child's stdout and stderr in files. */
@EnabledOnOs(OS.LINUX)
class GProcessRedirectTest {
    @TempDir
    Path dir;

    static void prints(String text) {
        System.out.print("out:" + text);
        System.out.flush();
        System.err.print("err:" + text);
        System.err.flush();
    }

    static void throwsSomething() {
        throw new IllegalStateException("thrown on purpose by a redirect test");
    }

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    @Test
    void stdoutAndStderrOfTheTargetGoToTheirFiles() throws Exception {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        GProcess p = start(Gipc.process(GProcessRedirectTest::prints)
                .args("hello")
                .redirectOutput(out)
                .redirectError(err));
        assertEquals(0, exit(p));
        assertEquals("out:hello", read(out));
        assertTrue(read(err).endsWith("err:hello"), read(err));
    }

    @Test
    void aThrowingTargetsStackTraceIsInTheStderrFile() throws Exception {
        Path err = dir.resolve("err");
        assertEquals(
                1,
                exit(start(Gipc.process(GProcessRedirectTest::throwsSomething).redirectError(err))));
        String text = read(err);
        assertTrue(text.contains("IllegalStateException: thrown on purpose by a redirect test"), text);
        assertTrue(text.contains("GProcessRedirectTest.throwsSomething"), text);
    }

    @Test
    void bothToOneFile() throws Exception {
        Path both = dir.resolve("both");
        assertEquals(
                0,
                exit(start(Gipc.process(GProcessRedirectTest::prints)
                        .args("x")
                        .redirectOutput(both)
                        .redirectError(both))));
        String text = read(both);
        assertTrue(text.contains("out:x") && text.endsWith("err:x"), text);
    }

    @Test
    void aRelativeFileIsRelativeToThisJvmNotToTheChildsWorkingDirectory() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path out = Files.createTempFile(cwd.resolve("target"), "redirect-", ".txt");
        try {
            Path relative = cwd.relativize(out);
            assertEquals(
                    0,
                    exit(start(Gipc.process(GProcessRedirectTest::prints)
                            .args("rel")
                            .workingDirectory(dir)
                            .redirectOutput(relative)
                            .redirectError(dir.resolve("err")))));
            assertEquals("out:rel", read(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void aFileThatCannotBeOpenedFailsStartNamingItAndStartsNothing() {
        Path bad = dir.resolve("missing-directory").resolve("out");
        int before = Gipc.activeChildren().size();
        GipcException e = assertThrows(
                GipcException.class,
                () -> Gipc.process(GProcessRedirectTest::prints)
                        .args("never")
                        .redirectOutput(bad)
                        .start());
        assertTrue(
                e.getMessage().contains("standard output") && e.getMessage().contains(bad.toString()), e.getMessage());
        assertEquals(before, Gipc.activeChildren().size());
    }
}
