package io.gipc;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With gipc-api alone on the class path, every entry point says what is missing. Run in a JVM of its own whose
 * class path holds gipc-api and these test classes, but not gipc-netty.
 */
class NoImplementationTest {

    /** Run in the forked JVM: tries each entry point, prints what it threw. */
    public static final class FirstUse {
        public static void main(String[] args) {
            List<Runnable> calls = List.of(
                    () -> Gipc.pipe(),
                    () -> Gipc.duplexPipe(),
                    () -> Gipc.startProcess(() -> { }),
                    () -> Gipc.openHandles());
            for (Runnable call : calls) {
                try {
                    call.run();
                    System.out.println("no exception");
                } catch (GipcException e) {
                    System.out.println("GipcException: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void everyEntryPointNamesTheMissingDependency() throws Exception {
        String apiOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("gipc-api") || e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", apiOnly, FirstUse.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        String expected = "GipcException: no gipc implementation found: add the io.gipc:gipc-netty dependency next to"
                + " gipc-api";
        assertEquals(4, out.lines().filter(expected::equals).count(), "class path " + apiOnly + ":\n" + out);
    }
}
