package io.gipc.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java} of this JDK run to its end, its output kept in files under the work directory (the children it
 * starts write to the same files, and are waited for by the application itself).
 */
final class ForkedJava {
    final List<String> command;
    final int exitCode;
    final String out;
    final String err;

    private ForkedJava(List<String> command, int exitCode, String out, String err) {
        this.command = command;
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs {@code java args...} in {@code dir} and waits for it, at most 120 s.
     *
     * @param name names the output files
     */
    static ForkedJava run(String name, Path dir, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Files.createDirectories(ItSupport.workDir());
        Path stdout = ItSupport.workDir().resolve(name + ".out");
        Path stderr = ItSupport.workDir().resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // Options from the environment would print "Picked up ..." and change the JVM under test.
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("did not end within 120 s: " + command);
        }
        return new ForkedJava(
                command,
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    List<String> lines() {
        return out.lines().toList();
    }

    String report() {
        return "command: " + String.join(" ", command) + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
