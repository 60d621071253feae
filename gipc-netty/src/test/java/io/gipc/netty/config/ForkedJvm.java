package io.gipc.netty.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a plain JVM of its own (not a gipc child), for what a test JVM cannot show: a system
 * property gipc reads once, a faked platform, a class path of jars.
 */
public final class ForkedJvm {
    private static final long TIMEOUT_S = 60;

    private ForkedJvm() {}

    /**
     * Runs {@code main} on this JVM's class path.
     *
     * @return what it printed, stdout and stderr together; the JVM must exit 0
     */
    public static String run(Class<?> main, String... jvmFlags) throws Exception {
        return runOnClassPath(main, System.getProperty("java.class.path"), jvmFlags);
    }

    /**
     * Runs {@code main} on the given class path.
     *
     * @return what it printed, stdout and stderr together; the JVM must exit 0
     */
    public static String runOnClassPath(Class<?> main, String classpath, String... jvmFlags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(List.of(jvmFlags));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "still running after " + TIMEOUT_S + " s: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
