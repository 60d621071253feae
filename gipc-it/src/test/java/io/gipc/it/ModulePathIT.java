package io.gipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * gipc on the module path: a little application module ({@code requires io.gipc;} only) is compiled against the
 * published jars and run in its own JVM with {@code --module-path} holding gipc-api, gipc-netty, Netty,
 * JNA and SLF4J. gipc-api finds io.gipc.netty through {@code uses}/{@code provides}; nothing is on the class path.
 * It starts a child JVM, which must get the module path and resolve the application's module. The same classes
 * also run from the class path, with gipc on the module path.
 */
class ModulePathIT {
    private static Path appClasses;

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
    void anApplicationOnTheModulePathUsesPipesAndStartsAChild() throws Exception {
        ForkedJava run = java(
                List.of(
                        "--module-path",
                        ItSupport.modulePath() + File.pathSeparator + appClasses(),
                        "-m",
                        "io.gipc.it.app/io.gipc.it.app.Main"),
                "app");

        assertEquals(0, run.exitCode, run.report());
        assertEquals(
                List.of(
                        "string: hello, module path",
                        "object: Point(3, 4, p) of io.gipc.it.app.Main$Point",
                        "child: got 'hello, child' in io.gipc.it.app (explicit)",
                        "parent got: echo of hello, child",
                        "child exit code: 0",
                        "pool: 49 [1, 4, 9]",
                        "open handles: 0",
                        "api module: io.gipc (explicit)",
                        "provider module: io.gipc.netty (explicit)",
                        "io.protostuff in the boot layer: false"),
                run.lines(),
                run.report());
        assertTrue(run.err.isBlank(), "the parent or the child printed to stderr (a warning?)\n" + run.report());
    }

    /** gipc on the module path, the application on the class path: the child gets both, as its parent had. */
    @Test
    void anApplicationOnTheClassPathWithGipcOnTheModulePathStartsAChild() throws Exception {
        ForkedJava run = java(
                List.of(
                        "--module-path",
                        ItSupport.modulePath().toString(),
                        "--add-modules",
                        "io.gipc.netty",
                        "-cp",
                        appClasses().toString(),
                        "io.gipc.it.app.Main"),
                "mixed");

        assertEquals(0, run.exitCode, run.report());
        List<String> lines = run.lines();
        assertTrue(lines.contains("child: got 'hello, child' in unnamed"), run.report());
        assertTrue(lines.contains("child exit code: 0"), run.report());
        assertTrue(lines.contains("provider module: io.gipc.netty (explicit)"), run.report());
        assertTrue(run.err.isBlank(), "the parent or the child printed to stderr (a warning?)\n" + run.report());
    }

    @Test
    void aTargetInAPackageNotOpenToGipcIsRefusedBeforeAnyChildStarts() throws Exception {
        ForkedJava run = java(
                List.of(
                        "--module-path",
                        ItSupport.modulePath() + File.pathSeparator + appClasses(),
                        "-m",
                        "io.gipc.it.app/io.gipc.it.app.closed.ClosedTarget"),
                "closed");

        assertEquals(0, run.exitCode, run.report());
        List<String> lines = run.lines();
        assertEquals(2, lines.size(), run.report());
        assertTrue(
                lines.get(0)
                        .startsWith("refused: cannot ship the target of GProcess-1 to a child: it is a lambda"
                                + " or method reference of io.gipc.it.app.closed.ClosedTarget, in package io.gipc.it.app.closed,"
                                + " which module io.gipc.it.app does not open to io.gipc.netty"),
                run.report());
        assertTrue(
                lines.get(0)
                        .endsWith("add `opens io.gipc.it.app.closed to io.gipc.netty;` to the module-info.java"
                                + " of io.gipc.it.app"),
                run.report());
        assertEquals("handle still usable: true", lines.get(1), run.report());
        assertTrue(run.err.isBlank(), "the JVM printed to stderr\n" + run.report());
    }

    /**
     * Runs this JDK's {@code java} with the {@link #quietFlags()} and the given arguments, in the work directory;
     * its children, which write to the same stdout and stderr, are waited for by the application itself.
     */
    private static ForkedJava java(List<String> args, String name) throws Exception {
        List<String> flagsAndArgs = new ArrayList<>(quietFlags());
        flagsAndArgs.addAll(args);
        return ForkedJava.run(name, ItSupport.workDir(), flagsAndArgs);
    }

    /** The application's classes, compiled once for all tests. */
    private static synchronized Path appClasses() throws IOException {
        if (appClasses == null) {
            appClasses = compileApp();
        }
        return appClasses;
    }

    /** Compiles src/test/module-app against the module path, as a user's build would, into target/it-work. */
    private static Path compileApp() throws IOException {
        Path classes = ItSupport.workDir().resolve("app-classes");
        deleteTree(classes);
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of(
                "--release",
                "17",
                "-Xlint:all,-path",
                "-Werror",
                "--module-path",
                ItSupport.modulePath().toString(),
                "-d",
                classes.toString()));
        try (Stream<Path> files = Files.walk(ItSupport.appSources())) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .map(Path::toString)
                    .sorted()
                    .forEach(args::add);
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
