package io.gipc.it;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * gipc on the module path: a little application module ({@code requires io.gipc;} only) is compiled against the
 * published jars and run in its own JVM with {@code --module-path} holding gipc-api, the shaded gipc-netty, Netty,
 * JNA and SLF4J. gipc-api finds io.gipc.netty through {@code uses}/{@code provides}; nothing is on the class path.
 */
class ModulePathIT {

    /**
     * What a JVM on the module path needs so that it prints nothing. JDK 24 and later warn when a named module
     * calls a restricted method without native access: Netty loads its native library from io.netty.common,
     * JNA loads its own from com.sun.jna (io.gipc.netty itself calls none). No Unsafe flag: gipc uses no
     * sun.misc.Unsafe memory access, and the empty stderr asserted below proves it on JDK 25.
     */
    static List<String> quietFlags() {
        List<String> flags = new ArrayList<>();
        if (Runtime.version().feature() >= 24) {
            flags.add("--enable-native-access=io.netty.common,com.sun.jna");
        }
        return flags;
    }

    @Test
    void aPipeCarriesAStringAndAPlainObjectOnTheModulePath() throws Exception {
        Path classes = compileApp();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(quietFlags());
        command.add("--module-path");
        command.add(ItSupport.modulePath() + File.pathSeparator + classes);
        command.add("-m");
        command.add("io.gipc.it.app/io.gipc.it.app.Main");

        Path stdout = ItSupport.workDir().resolve("app.out");
        Path stderr = ItSupport.workDir().resolve("app.err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // Options from the environment would print "Picked up ..." and change the JVM under test.
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the module-path application did not end within 120 s: " + command);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        String report = "command: " + String.join(" ", command) + "\n--- stdout\n" + out + "--- stderr\n" + err;

        assertEquals(0, process.exitValue(), report);
        assertEquals(List.of(
                "string: hello, module path",
                "object: Point(3, 4, p) of io.gipc.it.app.Main$Point",
                "open handles: 0",
                "api module: io.gipc (explicit)",
                "provider module: io.gipc.netty (explicit)",
                "io.protostuff in the boot layer: false"), out.lines().collect(Collectors.toList()), report);
        assertTrue(err.isBlank(), "the JVM printed to stderr (a warning?)\n" + report);
    }

    /** Compiles src/test/module-app against the module path, as a user's build would, into target/it-work. */
    private static Path compileApp() throws IOException {
        Path classes = ItSupport.workDir().resolve("app-classes");
        deleteTree(classes);
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of(
                "--release", "17", "-Xlint:all,-path", "-Werror",
                "--module-path", ItSupport.modulePath().toString(),
                "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(ItSupport.appSources())) {
            files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().forEach(args::add);
        }
        ToolProvider javac = ToolProvider.findFirst("javac")
                .orElseThrow(() -> new AssertionError("no javac in " + System.getProperty("java.home")));
        StringWriter log = new StringWriter();
        try (PrintWriter w = new PrintWriter(log)) {
            int rc = javac.run(w, w, args.toArray(new String[0]));
            w.flush();
            assertEquals(0, rc, "javac " + String.join(" ", args) + "\n" + log);
        }
        return classes;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
