package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.testkit.GipcTest;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the default decoder with Jazzer, in a JVM of its own (Jazzer's driver, with the JUnit jars left off its
 * class path), starting from the encodings of the type matrix ({@code fuzz/corpus}, {@link FuzzCorpusMain}) and
 * every input that once broke it ({@code fuzz/regressions}); those also run here, in this JVM, at each build. The
 * run lasts {@code gipc.fuzz.seconds} (40 s; {@code -Pfuzz} makes it 15 min). An input that breaks a promise of
 * {@link DecoderFuzzTarget}, or decodes for more than 20 s, fails the test with the file Jazzer wrote it to: add it
 * to {@code src/test/resources/fuzz/regressions}.
 */
@GipcTest(timeout = 0)
@Timeout(value = 6, unit = TimeUnit.HOURS)
class DecoderFuzzTest {
    private static final int SECONDS_PER_INPUT = 20;
    /** Jazzer's bug detectors look for injection into other APIs; the promises checked here are the target's. */
    private static final List<String> SANITIZERS = List.of(
            "ClojureLangHooks",
            "Deserialization",
            "ExpressionLanguageInjection",
            "LdapInjection",
            "NamingContextLookup",
            "OsCommandInjection",
            "ReflectiveCall",
            "RegexInjection",
            "RegexRoadblocks",
            "ScriptEngineInjection",
            "ServerSideRequestForgery",
            "SqlInjection",
            "XPathInjection");

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(DecoderFuzzTest.class.getResource("/fuzz/" + name).toURI());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyRegressionAndCorpusInputKeepsThePromises() throws Exception {
        List<Path> inputs = new ArrayList<>(files(resource("regressions")));
        assertFalse(inputs.isEmpty());
        inputs.addAll(files(resource("corpus")));
        for (Path input : inputs) {
            try {
                DecoderFuzzTarget.fuzzerTestOneInput(Files.readAllBytes(input));
            } catch (Throwable t) {
                throw new AssertionError(input.getFileName() + ": " + t, t);
            }
        }
    }

    @Test
    void jazzerFindsNothing() throws Exception {
        long seconds = Long.getLong("gipc.fuzz.seconds", 40);
        Path work = Path.of("target", "fuzz");
        Path corpus = work.resolve("corpus");
        Path crashes = work.resolve("crashes");
        Files.createDirectories(corpus);
        Files.createDirectories(crashes);
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.matches(".*(junit|opentest4j|apiguardian|surefire).*"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                classPath,
                "com.code_intelligence.jazzer.Jazzer",
                "--cp=" + classPath,
                "--target_class=" + DecoderFuzzTarget.class.getName(),
                "--instrumentation_includes=io.gipc.**",
                "--disabled_hooks="
                        + SANITIZERS.stream()
                                .map(s -> "com.code_intelligence.jazzer.sanitizers." + s)
                                .collect(Collectors.joining(":")),
                "--reproducer_path=" + crashes.toAbsolutePath(),
                "-max_total_time=" + seconds,
                "-timeout=" + SECONDS_PER_INPUT,
                "-rss_limit_mb=4096",
                "-artifact_prefix=" + crashes.toAbsolutePath() + File.separator,
                corpus.toAbsolutePath().toString(),
                resource("corpus").toString(),
                resource("regressions").toString()));
        if (Runtime.version().feature() >= 24) {
            command.add(1, "--enable-native-access=ALL-UNNAMED");
        }
        Path log = work.resolve("jazzer.log");
        Process jazzer = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = jazzer.waitFor(seconds + 300, TimeUnit.SECONDS);
        if (!ended) {
            jazzer.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "Jazzer still running after " + (seconds + 300) + " s: " + tail(output));
        assertEquals(
                0,
                jazzer.exitValue(),
                "Jazzer found an input the default decoder mishandles (the file is named "
                        + "below, under " + crashes
                        + "): add it to src/test/resources/fuzz/regressions, then fix the decoder\n"
                        + tail(output));
        assertTrue(output.contains("Done "), tail(output));
        System.out.println(
                output.lines().filter(l -> l.startsWith("Done ")).findFirst().orElse(""));
    }

    private static String tail(String output) {
        List<String> lines = output.lines()
                .filter(l -> !l.startsWith("INFO: Loaded") && !l.contains("Instrumented"))
                .collect(Collectors.toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
