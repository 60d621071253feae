package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole matrix round-trips in a JVM started with no flag at all (no --add-opens, no
 * --sun-misc-unsafe-memory-access), and that JVM prints nothing: no illegal-access or Unsafe warning. Uses the
 * same java as the tests, so running the suite on JDK 25 checks JDK 25.
 */
class DefaultCodecForkedJvmTest {

    @Test
    void matrixRoundTripsWithoutFlagsAndPrintsNothing(@TempDir File dir) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder =
                new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MatrixMain.class.getName());
        // Options from the environment would be printed ("Picked up ...") and would not be "no flags".
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            builder.environment().remove(variable);
        }
        File out = new File(dir, "stdout");
        File err = new File(dir, "stderr");
        builder.redirectOutput(out).redirectError(err);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the JVM did not finish in 120 s");
        String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> "exit code; stderr:\n" + stderr);
        assertEquals("", stderr, "stderr");
        assertEquals("", stdout, "stdout");
    }
}
