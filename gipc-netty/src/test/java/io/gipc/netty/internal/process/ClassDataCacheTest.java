package io.gipc.netty.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.netty.config.ForkedJvm;
import io.gipc.netty.internal.launcher.ChildMain;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * gipc's class-data archives, seen from a parent JVM of its own whose class path is all jars (the JVM archives
 * classes from jars only; the test class path has directories, so the tests jar them first). Each parent starts
 * children that print their JVM options, and the tests read what each child was given. They never look at a time.
 */
@EnabledOnOs(OS.LINUX)
class ClassDataCacheTest {
    /** Whether this JDK's children get an AOT cache rather than a dynamic archive. */
    private static final boolean AOT = Runtime.version().feature() >= ClassDataCache.AOT_FEATURE;

    private static final String BUILDS = AOT ? ClassDataCache.AOT_CONFIGURATION : "-XX:ArchiveClassesAtExit=";
    private static final String BUILDER = "-D" + ChildMain.BUILDS_ARCHIVE_PROPERTY + "=true";
    private static final String USES = AOT ? ClassDataCache.AOT_USE : "-XX:SharedArchiveFile=";
    private static final String QUIET = AOT ? ClassDataCache.AOT_QUIET : ClassDataCache.QUIET;

    @TempDir
    static Path jars;

    private static String jarClassPath;

    /** The parent: starts {@code -Dchildren=N} children one after the other; each prints its options. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            int children = Integer.getInteger("children", 1);
            for (int i = 0; i < children; i++) {
                GProcess p = Gipc.startProcess(Parent::printOptions);
                System.out.println("exit " + p.join().get(90, TimeUnit.SECONDS));
                p.close();
            }
        }

        static void printOptions() {
            System.out.println(
                    "child options " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
    }

    /** Does nothing: started with {@code -Xshare:on} on an archive, it shows that the JVM can map it. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("mapped");
        }
    }

    @BeforeAll
    static void jarTheClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = jars.resolve("dir-" + n++ + ".jar");
                jar(p, jar);
                entries.add(jar.toString());
            } else if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        jarClassPath = String.join(File.pathSeparator, entries);
    }

    private static void jar(Path dir, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /** What one parent printed: the options of each child, in order, checked to be all it printed. */
    private static List<List<String>> runParent(Path cache, int children, String... flags) throws Exception {
        List<String> all = new ArrayList<>(List.of("-Dio.gipc.cacheDir=" + cache, "-Dchildren=" + children));
        all.addAll(Arrays.asList(flags));
        String out = ForkedJvm.runOnClassPath(Parent.class, jarClassPath, all.toArray(new String[0]));
        List<List<String>> options = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("child options [")) {
                options.add(Arrays.asList(line.substring("child options [".length(), line.length() - 1)
                        .split(", ")));
            } else if (!line.equals("exit 0") && !line.startsWith("SLF4J")) {
                throw new AssertionError("unexpected line '" + line + "' in what the parent printed:\n" + out);
            }
        }
        assertEquals(children, options.size(), out);
        return options;
    }

    /** The key in the name of the configuration an AOT recording writes. */
    private static String configurationKey(List<String> options) {
        String path = options.stream()
                .filter(o -> o.startsWith(ClassDataCache.AOT_CONFIGURATION))
                .findFirst()
                .orElseThrow();
        return Path.of(path.substring(ClassDataCache.AOT_CONFIGURATION.length()))
                .getFileName()
                .toString()
                .substring(0, 32);
    }

    private static boolean has(List<String> options, String prefix) {
        return options.stream().anyMatch(o -> o.startsWith(prefix));
    }

    /** The archive the cache's one reference names, after checking that it is whole and that a JVM maps it. */
    private static Path checkedArchive(Path cache) throws Exception {
        Path cds = cache.resolve("cds");
        List<Path> references = list(cds, ".ref");
        assertEquals(1, references.size(), "one reference: " + list(cds, ""));
        String[] reference = Files.readString(references.get(0)).trim().split(" ");
        Path archive = cds.resolve(reference[0]);
        assertEquals(Long.parseLong(reference[1]), Files.size(archive), "size of " + archive);
        assertEquals(reference[2], ClassDataCache.crc(archive), "CRC of " + archive);
        assertEquals(List.of(), list(cds, ".part"), "nothing half-built left");
        // The JVM refuses to start if it cannot map it. An AOT cache also needs the options that shape the module
        // graph to be those it was made with: the children's.
        String out = AOT
                ? ForkedJvm.runOnClassPath(
                        Probe.class,
                        jarClassPath,
                        "-XX:AOTMode=on",
                        USES + archive,
                        "--enable-native-access=ALL-UNNAMED")
                : ForkedJvm.runOnClassPath(Probe.class, jarClassPath, "-Xshare:on", USES + archive);
        assertTrue(out.contains("mapped"), out);
        return archive;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void theFirstChildBuildsTheArchiveAndTheNextMapsIt(@TempDir Path cache) throws Exception {
        List<List<String>> children = runParent(cache, 2);
        assertTrue(has(children.get(0), BUILDS), children.get(0).toString());
        // the builder brings Netty up after its target, for the children with handles that map the archive
        // (not the AOT cache's recorder: a JVM loads every class of that cache as it starts, needed or not)
        assertEquals(!AOT, children.get(0).contains(BUILDER), children.get(0).toString());
        assertFalse(children.get(1).contains(BUILDER), children.get(1).toString());
        Path archive = checkedArchive(cache);
        assertFalse(has(children.get(1), BUILDS), "built once: " + children.get(1));
        if (!AOT) { // an AOT cache is made after the first child's end, while the second may already run
            assertTrue(children.get(1).contains(USES + archive), children.get(1).toString());
            assertTrue(children.get(1).contains(QUIET), children.get(1).toString());
        }

        // Another JVM with the same java, class path and options (-Dchildren=2 among them) takes it as it is.
        for (List<String> later : runParent(cache, 2)) {
            assertTrue(later.contains(USES + archive), later.toString());
            assertTrue(later.contains(QUIET), later.toString());
        }
    }

    @Test
    void onJdk25AndLaterTheFirstChildRecordsAndAnAotCacheIsMadeFromIt(@TempDir Path cache) throws Exception {
        assumeTrue(AOT, "the AOT cache: JDK " + ClassDataCache.AOT_FEATURE + " and later");
        // One child, and its parent exits right after it: the exit waits for the cache to be made.
        List<String> recorder = runParent(cache, 1).get(0);
        assertTrue(recorder.contains(ClassDataCache.AOT_RECORD), recorder.toString());
        assertTrue(recorder.contains("-XX:-DisplayVMOutput"), "the recording JVM says nothing: " + recorder);
        Path archive = checkedArchive(cache);
        assertTrue(archive.getFileName().toString().endsWith(".aot"), archive.toString());
        assertEquals(List.of(), list(cache.resolve("cds"), ".aotconf.part"), "the recorded configuration is gone");
        List<String> user = runParent(cache, 1).get(0);
        assertTrue(user.contains(ClassDataCache.AOT_USE + archive), user.toString());
        assertFalse(has(user, "-XX:ArchiveClassesAtExit") || has(user, "-XX:SharedArchiveFile"), user.toString());
    }

    @Test
    void anAotCacheIsPlannedFromJdk25AndMadeWithoutTheChildsLogsOrAgents(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "a jar");
        String before = System.getProperty(CacheDirectory.PROPERTY);
        System.setProperty(CacheDirectory.PROPERTY, dir.resolve("cache").toString());
        try {
            Path java = ChildCommand.currentJava();
            CodeLayout code = CodeLayout.classPath(List.of(jar.toString()));
            List<String> options = List.of("-Xmx64m", "-Xlog:gc:file=/tmp/gc.log", "-javaagent:/x/agent.jar");
            ClassDataCache.Plan old = ClassDataCache.plan(java, 24, code, options, false);
            assertTrue(
                    has(old.options(), "-XX:ArchiveClassesAtExit="),
                    old.options().toString());
            old.childEnded(null);

            ClassDataCache.Plan plan = ClassDataCache.plan(java, 25, code, options, false);
            List<String> record = plan.options();
            assertTrue(record.contains(ClassDataCache.AOT_RECORD), record.toString());
            assertTrue(
                    record.indexOf("-XX:+UnlockDiagnosticVMOptions") < record.indexOf("-XX:-DisplayVMOutput"),
                    record.toString());
            assertFalse(record.contains(BUILDER), "the transport only where the child's own work loads it: " + record);
            // children with handles get a cache of their own: another key, so another recording
            ClassDataCache.Plan withHandles = ClassDataCache.plan(java, 25, code, options, true);
            assertTrue(
                    withHandles.options().contains(ClassDataCache.AOT_RECORD),
                    withHandles.options().toString());
            assertNotEquals(configurationKey(record), configurationKey(withHandles.options()));
            withHandles.childEnded(null);
            String configuration = record.stream()
                    .filter(o -> o.startsWith(ClassDataCache.AOT_CONFIGURATION))
                    .findFirst()
                    .orElseThrow()
                    .substring(ClassDataCache.AOT_CONFIGURATION.length());
            AotCacheBuild build = new AotCacheBuild(
                    java, code, options, Path.of(configuration), dir.resolve("x.aot.part"), dir.resolve("x.ref"));
            List<String> command = build.command();
            assertTrue(command.contains("-XX:AOTMode=create"), command.toString());
            assertTrue(command.contains(ClassDataCache.AOT_CONFIGURATION + configuration), command.toString());
            assertTrue(command.contains("-Xmx64m"), command.toString());
            assertFalse(has(command, "-Xlog:gc") || has(command, "-javaagent"), command.toString());
            assertTrue(command.get(1).startsWith("@"), "the class path through an argument file: " + command);
            plan.childEnded(null); // no child recorded: nothing to make, and the key may be built again
            assertEquals(List.of(), list(dir.resolve("cache").resolve("cds"), ".part"));
            assertTrue(has(ClassDataCache.plan(java, 25, code, options, false).options(), ClassDataCache.AOT_RECORD));
        } finally {
            if (before == null) {
                System.clearProperty(CacheDirectory.PROPERTY);
            } else {
                System.setProperty(CacheDirectory.PROPERTY, before);
            }
        }
    }

    @Test
    void twoJvmsBuildingTheSameArchiveAtOnceBothStartTheirChildrenAndLeaveOneWholeArchive(@TempDir Path cache)
            throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<List<List<String>>> a = CompletableFuture.supplyAsync(() -> run(cache), two);
            CompletableFuture<List<List<String>>> b = CompletableFuture.supplyAsync(() -> run(cache), two);
            assertEquals(1, a.get(180, TimeUnit.SECONDS).size());
            assertEquals(1, b.get(180, TimeUnit.SECONDS).size());
        } finally {
            two.shutdown();
        }
        Path archive = checkedArchive(cache);
        assertTrue(runParent(cache, 1).get(0).contains(USES + archive));
    }

    private static List<List<String>> run(Path cache) {
        try {
            return runParent(cache, 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTruncatedOrGarbledArchiveIsNeverMappedAndIsBuiltAgain(@TempDir Path cache) throws Exception {
        runParent(cache, 1);
        Path archive = checkedArchive(cache);
        byte[] whole = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);

        // A truncated archive crashes a JDK 17 child (SIGBUS): the size check keeps it away.
        Files.write(archive, Arrays.copyOf(whole, whole.length / 2));
        List<String> child = runParent(cache, 1).get(0);
        assertTrue(has(child, BUILDS), "built again: " + child);
        assertFalse(has(child, USES), child.toString());
        Path rebuilt = checkedArchive(cache);

        // Same size, other bytes: the CRC check (a parent checks an archive once).
        byte[] garbage = new byte[(int) Files.size(rebuilt)];
        new Random(42).nextBytes(garbage);
        rebuilt.toFile().setWritable(true);
        Files.write(rebuilt, garbage);
        child = runParent(cache, 1).get(0);
        assertTrue(has(child, BUILDS), "built again: " + child);
        checkedArchive(cache);
    }

    @Test
    void publishingTidiesWhatAbandonedBuildsAndRacesLeft(@TempDir Path cache) throws Exception {
        Path cds = Files.createDirectories(cache.resolve("cds"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
        String key = "0123456789abcdef0123456789abcdef";
        FileTime twoHoursAgo = FileTime.fromMillis(System.currentTimeMillis() - 2 * 3600 * 1000);
        Path abandoned = Files.writeString(cds.resolve(key + "-dead.jsa.part"), "a parent died while it was built");
        Path orphan = Files.writeString(cds.resolve(key + "-lost.jsa"), "lost a race: no reference names it");
        Path building = Files.writeString(cds.resolve(key + "-busy.jsa.part"), "being built right now");
        Files.setLastModifiedTime(abandoned, twoHoursAgo);
        Files.setLastModifiedTime(orphan, twoHoursAgo);

        runParent(cache, 1);
        assertEquals(1, list(cds, ".ref").size(), "published: " + list(cds, ""));
        assertFalse(Files.exists(abandoned));
        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(building), "too recent to be abandoned");
    }

    @Test
    void aCacheDirectoryThatCannotBeMadeLeavesChildrenWithoutArchive(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "in the way");
        List<String> child = runParent(blocker.resolve("cache"), 1).get(0);
        assertFalse(has(child, BUILDS) || has(child, USES) || child.contains(QUIET), child.toString());
    }

    @Test
    void aReadOnlyCacheDirectoryIsReadButNotWritten(@TempDir Path dir) throws Exception {
        Path built = dir.resolve("built");
        runParent(built, 1);
        Path archive = checkedArchive(built);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        for (Path p : List.of(built.resolve("cds"), built, empty)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            assumeFalse(Files.isWritable(built), "a user who may write anywhere (root) cannot test this");
            List<String> child = runParent(built, 1).get(0);
            assertTrue(child.contains(USES + archive), "read: " + child);
            child = runParent(empty, 1).get(0);
            assertFalse(has(child, BUILDS) || has(child, USES), "nothing to read, nowhere to write: " + child);
        } finally {
            for (Path p : List.of(built.resolve("cds"), built, empty)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    @Test
    void thePropertyTurnsArchivesOff(@TempDir Path cache) throws Exception {
        List<List<String>> children = runParent(cache, 2, "-D" + ClassDataCache.PROPERTY + "=false");
        for (List<String> child : children) {
            assertFalse(has(child, BUILDS) || has(child, USES) || child.contains(QUIET), child.toString());
        }
        assertFalse(Files.exists(cache.resolve("cds")));
    }

    @Test
    void theKeyFollowsTheJarsAndTheOptions(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "a jar");
        Path java = ChildCommand.currentJava();
        String key = ClassDataCache.key(java, List.of(jar.toString()), List.of("-Xmx64m"));
        assertEquals(key, ClassDataCache.key(java, List.of(jar.toString()), List.of("-Xmx64m")));
        assertNotEquals(key, ClassDataCache.key(java, List.of(jar.toString()), List.of("-Xmx65m")));
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5000));
        assertNotEquals(key, ClassDataCache.key(java, List.of(jar.toString()), List.of("-Xmx64m")), "jar rebuilt");

        Path classes = Files.createDirectory(dir.resolve("classes"));
        assertNotNull(ClassDataCache.key(java, List.of(classes.toString()), List.of()), "an empty directory");
        Files.writeString(classes.resolve("A.class"), "");
        assertNull(ClassDataCache.key(java, List.of(classes.toString()), List.of()), "classes in a directory");
    }

    @Test
    void childrenOnTheModulePathOrWithTheirOwnSharingOptionsGetNoArchive(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "a jar");
        String before = System.getProperty(CacheDirectory.PROPERTY);
        System.setProperty(CacheDirectory.PROPERTY, dir.resolve("cache").toString());
        try {
            Path java = ChildCommand.currentJava();
            CodeLayout onClassPath = CodeLayout.classPath(List.of(jar.toString()));
            ClassDataCache.Plan plan = ClassDataCache.plan(java, 17, onClassPath, List.of(), false);
            assertTrue(
                    plan.options().stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")),
                    plan.options().toString());
            plan.childEnded(null); // no child built it
            assertSame(
                    ClassDataCache.Plan.NONE,
                    ClassDataCache.plan(java, 17, onClassPath, List.of("-Xshare:off"), false));
            assertSame(
                    ClassDataCache.Plan.NONE,
                    ClassDataCache.plan(java, 17, onClassPath, List.of("-XX:SharedArchiveFile=/x/app.jsa"), false));
            CodeLayout onModulePath = new CodeLayout(
                    List.of(),
                    List.of(jar.toString()),
                    List.of(),
                    List.of(),
                    "io.gipc.netty",
                    List.of(),
                    "ALL-UNNAMED");
            assertSame(ClassDataCache.Plan.NONE, ClassDataCache.plan(java, 17, onModulePath, List.of(), false));
        } finally {
            if (before == null) {
                System.clearProperty(CacheDirectory.PROPERTY);
            } else {
                System.setProperty(CacheDirectory.PROPERTY, before);
            }
        }
    }

    @Test
    void aCacheDirectoryOthersMayWriteInIsNotUsed(@TempDir Path dir) throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path own = Files.createDirectory(dir.resolve("own"));
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
        String before = System.getProperty(CacheDirectory.PROPERTY);
        try {
            System.setProperty(CacheDirectory.PROPERTY, shared.toString());
            assertTrue(CacheDirectory.current().isEmpty(), "another user could plant an archive there");
            System.setProperty(CacheDirectory.PROPERTY, own.toString());
            assertTrue(CacheDirectory.current().isPresent());
        } finally {
            if (before == null) {
                System.clearProperty(CacheDirectory.PROPERTY);
            } else {
                System.setProperty(CacheDirectory.PROPERTY, before);
            }
        }
    }

    @Test
    void aChildsOwnArchiveOptionsAreNotInheritedByItsChildren() {
        Path root = CacheDirectory.location();
        assertTrue(ClassDataCache.isOwnOption(ClassDataCache.QUIET));
        assertTrue(ClassDataCache.isOwnOption(BUILDER));
        assertTrue(ClassDataCache.isOwnOption(
                "-XX:SharedArchiveFile=" + root.resolve("cds").resolve("k-1.jsa")));
        assertFalse(ClassDataCache.isOwnOption("-XX:SharedArchiveFile=/opt/app/app.jsa"), "the user's own archive");
        assertTrue(ClassDataCache.isOwnOption(ClassDataCache.AOT_QUIET));
        assertTrue(ClassDataCache.isOwnOption(ClassDataCache.AOT_RECORD));
        assertTrue(ClassDataCache.isOwnOption("-XX:-DisplayVMOutput"));
        assertTrue(ClassDataCache.isOwnOption(
                ClassDataCache.AOT_USE + root.resolve("cds").resolve("k-1.aot")));
        assertTrue(ClassDataCache.isOwnOption(
                ClassDataCache.AOT_CONFIGURATION + root.resolve("cds").resolve("k-1.aotconf.part")));
        assertFalse(ClassDataCache.isOwnOption(ClassDataCache.AOT_USE + "/opt/app/app.aot"), "the user's own cache");
    }
}
