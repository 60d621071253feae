package io.gipc.it.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.testkit.Sample;
import io.gipc.testkit.SampleRun;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The test kit as published (its jar, compiled against JUnit 5) under JUnit 6: JUnit 6's console launcher runs
 * some of this module's samples in a JVM of its own whose class path holds no JUnit 5 at all (the launcher's
 * standalone jar brings JUnit 6's API and engine), and the extension behaves as under JUnit 5.
 */
@EnabledOnOs(OS.LINUX)
class JUnit6IT {
    private static final long TIMEOUT_S = 120;

    @Test
    void theExtensionChecksLeaksAndGuardsHangsUnderJUnit6() throws Exception {
        Path reports =
                Files.createDirectories(Path.of(property("gipc.it.junit6Dir")).resolve("reports"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-D" + RunsOnJUnit6.VERSION + "=" + property(RunsOnJUnit6.VERSION));
        command.add("-cp");
        command.add(classPath());
        command.add("org.junit.platform.console.ConsoleLauncher");
        command.addAll(List.of(
                "execute",
                "--disable-banner",
                "--disable-ansi-colors",
                "--details=tree",
                "--reports-dir=" + reports,
                "--config=junit.jupiter.extensions.autodetection.enabled=true",
                "--config=" + SampleRun.ENABLED + "=true",
                "--select-class=" + TestkitLeaksIT.LeavesAPipe.class.getName(),
                "--select-class=" + TestkitLeaksIT.ClosesEverything.class.getName(),
                "--select-class=" + TestkitHangIT.HangsOnAGet.class.getName(),
                "--select-class=" + RunsOnJUnit6.class.getName()));
        Path log = reports.resolve("console.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "the JUnit 6 run did not end");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), "two samples fail on purpose:\n" + output);

        Map<String, String> failures = failures(reports.resolve("TEST-junit-jupiter.xml"));
        assertTrue(failures.containsKey("jupiterComesFromJUnit6()"), failures + "\n" + output);
        assertNull(failures.get("jupiterComesFromJUnit6()"), output);
        assertTrue(
                failures.containsKey("usesAndCloses()") && failures.get("usesAndCloses()") == null,
                "the clean sample passes: " + failures + "\n" + output);
        String leak = failures.get("opensAPipe()");
        assertTrue(
                leak != null
                        && leak.contains("LeavesAPipe.opensAPipe() leaked:")
                        && leak.contains("left 2 gipc handles open (closed now)"),
                leak + "\n" + output);
        String hang = failures.get("waitsForAMessage()");
        assertTrue(
                hang != null
                        && hang.contains("did not end within its time limit of 1 s")
                        && hang.contains("[locked: 1 get() pending for"),
                hang + "\n" + output);
    }

    /** Runs in the JUnit 6 launcher: the Jupiter API it runs on is JUnit 6's, from the standalone jar. */
    @Sample
    static class RunsOnJUnit6 {
        static final String VERSION = "gipc.it.junit6Version";

        @Test
        void jupiterComesFromJUnit6() {
            String version = System.getProperty(VERSION);
            String jar = Test.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toString();
            assertTrue(jar.endsWith("junit-platform-console-standalone-" + version + ".jar"), jar);
        }
    }

    /** Test name to failure message (null for a test that passed), from the console launcher's XML report. */
    private static Map<String, String> failures(Path xml) throws Exception {
        Element root = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(xml.toFile())
                .getDocumentElement();
        Map<String, String> result = new LinkedHashMap<>();
        NodeList cases = root.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            NodeList f = c.getElementsByTagName("failure");
            result.put(
                    c.getAttribute("name"),
                    f.getLength() == 0
                            ? null
                            : ((Element) f.item(0)).getAttribute("message") + "\n"
                                    + f.item(0).getTextContent());
        }
        return result;
    }

    /**
     * JUnit 6's standalone launcher, the test kit's jar, gipc-netty and its dependencies as a user's project has
     * them, and this module's test classes (the samples); no JUnit 5 jar.
     */
    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String dir : List.of("gipc.it.junit6Dir", "gipc.it.modulePath")) {
            try (Stream<Path> jars = Files.list(Path.of(property(dir)))) {
                jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
            }
        }
        entries.add(property("gipc.it.testClasses"));
        assertTrue(entries.stream().noneMatch(e -> e.contains("junit-jupiter-api-5")), entries.toString());
        return String.join(File.pathSeparator, entries);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run with Maven (failsafe)");
        }
        return value;
    }
}
