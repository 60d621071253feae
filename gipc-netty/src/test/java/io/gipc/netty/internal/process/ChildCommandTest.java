package io.gipc.netty.internal.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildCommandTest {

    @Test
    void debuggerAndAgentOptionsAreNotInherited() {
        List<String> kept = ChildCommand.withoutDebugAndAgents(List.of("-Xmx64m",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-agentpath:/x/libyourkit.so",
                "-javaagent:/x/jacoco.jar=destfile=a", "-Xdebug", "-Xrunjdwp:transport=dt_socket",
                "-XX:ArchiveClassesAtExit=app.jsa", "-Dfoo=bar", "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        assertEquals(List.of("-Xmx64m", "-Dfoo=bar", "--add-opens=java.base/java.lang=ALL-UNNAMED"), kept);
    }

    @Test
    void commandLineOrder() {
        List<String> argv = ChildCommand.build(ChildCommand.currentJava(), List.of("a.jar", "b.jar"),
                List.of("-Dinherited=1"), List.of("-Dextra=2"), 3);
        assertEquals(ChildCommand.currentJava().toString(), argv.get(0));
        assertTrue(argv.get(1).startsWith("@"));
        int inherited = argv.indexOf("-Dinherited=1");
        int extra = argv.indexOf("-Dextra=2");
        int main = argv.indexOf(ChildCommand.LAUNCHER_MAIN);
        assertTrue(1 < inherited && inherited < extra && extra < main, argv.toString());
        assertEquals(List.of("3", "4", "5"), argv.subList(main + 1, argv.size()));
    }

    @Test
    void aLongClassPathTravelsInAnArgumentFileWithAbsoluteEntries() throws Exception {
        // Far over the 128 KiB limit of one exec argument.
        List<String> cp = Collections.nCopies(3000, "some/relative/dir/with/a/rather/long/name/lib-1.2.3.jar");
        List<String> argv = ChildCommand.build(ChildCommand.currentJava(), cp, List.of(), List.of(), 0);
        Path file = Path.of(argv.get(1).substring(1));
        String text = Files.readString(file);
        assertTrue(text.startsWith("-cp\n\""), text.substring(0, 20));
        assertTrue(text.contains(Path.of("some/relative").toAbsolutePath().toString()));
        assertTrue(argv.stream().allMatch(a -> a.length() < 128 * 1024));
    }

    @Test
    void flagsFollowTheChildsJdk(@TempDir Path dir) throws Exception {
        Path jdk25 = dir.resolve("jdk25");
        Files.createDirectories(jdk25.resolve("bin"));
        Files.writeString(jdk25.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.1\"\n");
        Path jdk17 = dir.resolve("jdk17");
        Files.createDirectories(jdk17.resolve("bin"));
        Files.writeString(jdk17.resolve("release"), "JAVA_VERSION=\"17.0.16\"\n");

        List<String> for25 = ChildCommand.build(jdk25.resolve("bin/java"), List.of("a.jar"), List.of(), List.of(),
                0);
        assertTrue(for25.contains("--enable-native-access=ALL-UNNAMED"), for25.toString());
        assertFalse(for25.stream().anyMatch(o -> o.startsWith("--sun-misc-unsafe-memory-access")),
                "gipc needs no Unsafe: " + for25);

        List<String> for17 = ChildCommand.build(jdk17.resolve("bin/java"), List.of("a.jar"),
                List.of("--sun-misc-unsafe-memory-access=allow"), List.of(), 0);
        assertFalse(for17.stream().anyMatch(o -> o.startsWith("--sun-misc-unsafe-memory-access")), for17.toString());
    }
}
