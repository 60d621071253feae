package io.gipc.netty.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildCommandTest {

    @Test
    void debuggerAndAgentOptionsAreNotInherited() {
        List<String> kept = ChildCommand.withoutDebugAndAgents(List.of(
                "-Xmx64m",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-agentpath:/x/libyourkit.so",
                "-javaagent:/x/jacoco.jar=destfile=a",
                "-Xdebug",
                "-Xrunjdwp:transport=dt_socket",
                "-XX:ArchiveClassesAtExit=app.jsa",
                "-Dfoo=bar",
                "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        assertEquals(List.of("-Xmx64m", "-Dfoo=bar", "--add-opens=java.base/java.lang=ALL-UNNAMED"), kept);
    }

    @Test
    void commandLineOrder() {
        List<String> argv = ChildCommand.build(
                ChildCommand.currentJava(),
                List.of("a.jar", "b.jar"),
                List.of("-Dinherited=1"),
                List.of("-Dextra=2"),
                3);
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

        List<String> for25 = ChildCommand.build(jdk25.resolve("bin/java"), List.of("a.jar"), List.of(), List.of(), 0);
        assertTrue(for25.contains("--enable-native-access=ALL-UNNAMED"), for25.toString());
        assertFalse(
                for25.stream().anyMatch(o -> o.startsWith("--sun-misc-unsafe-memory-access")),
                "gipc needs no Unsafe: " + for25);

        List<String> for17 = ChildCommand.build(
                jdk17.resolve("bin/java"),
                List.of("a.jar"),
                List.of("--sun-misc-unsafe-memory-access=allow"),
                List.of(),
                0);
        assertFalse(for17.stream().anyMatch(o -> o.startsWith("--sun-misc-unsafe-memory-access")), for17.toString());
    }

    /** A parent on the module path: gipc in io.gipc.netty, the application in module app. */
    private static CodeLayout modulePathLayout() {
        return new CodeLayout(
                List.of(),
                List.of("mods/app.jar", "lib"),
                List.of(),
                List.of("app=patches/app"),
                "io.gipc.netty",
                List.of("app"),
                "io.netty.common,com.sun.jna");
    }

    @Test
    void onTheModulePathTheLauncherIsStartedFromItsModule() {
        List<String> argv = ChildCommand.build(
                ChildCommand.currentJava(),
                modulePathLayout(),
                List.of("-Xmx64m", "--add-opens=java.base/java.lang=app"),
                List.of("-Dextra=2"),
                2);
        int main = argv.indexOf("-m");
        assertEquals(
                List.of("-m", "io.gipc.netty/" + ChildCommand.LAUNCHER_MAIN, "3", "4"),
                argv.subList(main, argv.size()));
        assertTrue(argv.indexOf("--add-opens=java.base/java.lang=app") < main, argv.toString());
        assertTrue(argv.indexOf("--add-modules=app") < main, argv.toString());
        assertFalse(argv.contains(ChildCommand.LAUNCHER_MAIN), "not on the class path: " + argv);
    }

    @Test
    void theModulePathAndPatchesTravelInTheArgumentFileWithAbsolutePaths() throws Exception {
        // The JVM reports its own --module-path: the child must not get that copy, relative to our directory.
        List<String> argv = ChildCommand.build(
                ChildCommand.currentJava(),
                modulePathLayout(),
                List.of(
                        "--module-path=mods/app.jar:lib",
                        "-p",
                        "lib",
                        "--patch-module=app=patches/app",
                        "--upgrade-module-path=up"),
                List.of(),
                0);
        assertEquals(
                List.of(),
                argv.stream()
                        .filter(a -> a.startsWith("--module-path")
                                || a.equals("-p")
                                || a.startsWith("--patch-module")
                                || a.startsWith("--upgrade-module-path"))
                        .collect(Collectors.toList()),
                argv.toString());

        List<String> file = Files.readAllLines(Path.of(argv.get(1).substring(1)));
        String sep = java.io.File.pathSeparator;
        assertEquals(
                List.of(
                        "-cp",
                        "\"\"",
                        "--module-path",
                        quoted(abs("mods/app.jar") + sep + abs("lib")),
                        "--patch-module",
                        quoted("app=" + abs("patches/app"))),
                file);
    }

    @Test
    void theArgumentFileHasTheUpgradeModulePathWhenThereIsOne() throws Exception {
        CodeLayout code = new CodeLayout(
                List.of("a.jar"), List.of("mods"), List.of("up"), List.of(), "io.gipc.netty", List.of(), "ALL-UNNAMED");
        List<String> argv = ChildCommand.build(ChildCommand.currentJava(), code, List.of(), List.of(), 0);
        List<String> file = Files.readAllLines(Path.of(argv.get(1).substring(1)));
        assertEquals(
                List.of(
                        "-cp",
                        quoted(abs("a.jar")),
                        "--module-path",
                        quoted(abs("mods")),
                        "--upgrade-module-path",
                        quoted(abs("up"))),
                file);
    }

    @Test
    void aChildOfAChildDoesNotNameItsModulesTwice() {
        // A child's own options have the --add-modules its parent gave it; its children inherit them.
        List<String> argv = ChildCommand.build(
                ChildCommand.currentJava(), modulePathLayout(), List.of("--add-modules=app"), List.of(), 0);
        assertEquals(
                List.of("--add-modules=app"),
                argv.stream().filter(a -> a.startsWith("--add-modules")).collect(Collectors.toList()),
                argv.toString());

        CodeLayout twoRoots = new CodeLayout(
                List.of(),
                List.of("mods"),
                List.of(),
                List.of(),
                "io.gipc.netty",
                List.of("app", "other"),
                "ALL-UNNAMED");
        argv = ChildCommand.build(ChildCommand.currentJava(), twoRoots, List.of("--add-modules=x,app"), List.of(), 0);
        assertTrue(argv.contains("--add-modules=other"), argv.toString());
    }

    @Test
    void onJdk24AndLaterNativeAccessGoesToTheModulesThatLoadNativeCode(@TempDir Path dir) throws Exception {
        Path jdk25 = dir.resolve("jdk25");
        Files.createDirectories(jdk25.resolve("bin"));
        Files.writeString(jdk25.resolve("release"), "JAVA_VERSION=\"25\"\n");
        List<String> argv = ChildCommand.build(jdk25.resolve("bin/java"), modulePathLayout(), List.of(), List.of(), 0);
        assertTrue(argv.contains("--enable-native-access=io.netty.common,com.sun.jna"), argv.toString());

        argv = ChildCommand.build(
                jdk25.resolve("bin/java"),
                modulePathLayout(),
                List.of("--enable-native-access=ALL-UNNAMED"),
                List.of(),
                0);
        assertEquals(
                1,
                argv.stream()
                        .filter(a -> a.startsWith("--enable-native-access"))
                        .count(),
                argv.toString());
    }

    @Test
    void aChildGetsTheRootModulesOfItsParent() {
        Module named = Object.class.getModule(); // java.base, standing in for an application module
        Module unnamed = ChildCommandTest.class.getModule();
        assertEquals(List.of("app"), CodeLayout.rootModules("io.gipc.netty", "app", unnamed));
        assertEquals(List.of("app", "java.base"), CodeLayout.rootModules("io.gipc.netty", "app", named));
        // The parent's main class was on the class path: the child resolves the class path's default roots.
        assertEquals(List.of(CodeLayout.ALL_DEFAULT), CodeLayout.rootModules("io.gipc.netty", null, unnamed));
        // The parent is itself a child: its main module is the launcher's.
        assertEquals(List.of("java.base"), CodeLayout.rootModules("io.gipc.netty", "io.gipc.netty", named));
        // gipc on the class path: the launcher is started by its class name, as a class-path main.
        assertEquals(List.of(), CodeLayout.rootModules(null, null, unnamed));
        assertEquals(List.of("java.base"), CodeLayout.rootModules(null, null, named));
    }

    @Test
    void nativeAccessNamesModulesOrAllUnnamed() {
        assertEquals(
                "java.base,ALL-UNNAMED", CodeLayout.nativeAccess(String.class, ChildCommandTest.class, List.class));
    }

    @Test
    void onTheClassPathTheCommandLineIsAsBefore() {
        // These tests run on the class path: no module path, gipc unnamed.
        CodeLayout code = CodeLayout.ofThisJvm(null, ChildCommandTest.class);
        assertEquals(ChildCommand.currentClasspath(), code.classpath());
        assertEquals(List.of(), code.modulePath());
        assertEquals(null, code.launcherModule());
        assertEquals(List.of(), code.addModules());
        assertEquals("ALL-UNNAMED", code.nativeAccess());
        assertEquals(
                ChildCommand.build(
                        ChildCommand.currentJava(), ChildCommand.currentClasspath(), List.of("-Da"), List.of(), 1),
                ChildCommand.build(ChildCommand.currentJava(), code, List.of("-Da"), List.of(), 1));
        assertEquals(
                List.of("x.jar"),
                CodeLayout.ofThisJvm(List.of("x.jar"), ChildCommandTest.class).classpath());
    }

    @Test
    void moduleOptionsAreReadInBothForms() {
        List<String> options = List.of("--add-modules=a,b", "--add-modules", "c", "--patch-module=m=p", "-Dx=1");
        assertEquals(List.of("m=p"), ModuleOptions.valuesOf(options, ModuleOptions.PATCH_MODULE));
        assertEquals(List.of("a", "b", "c"), List.copyOf(ModuleOptions.addedModules(options)));
        assertEquals(
                List.of("-Xmx1m", "-Dx=1"),
                ModuleOptions.withoutPathOptions(List.of(
                        "--module-path",
                        "mods",
                        "-Xmx1m",
                        "-p",
                        "mods",
                        "--upgrade-module-path=u",
                        "--patch-module",
                        "m=p",
                        "-Dx=1")));
    }

    private static String abs(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
