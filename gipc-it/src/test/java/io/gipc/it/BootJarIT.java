package io.gipc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gipc in a Spring Boot executable jar (gipc-it's BootApp repackaged by spring-boot-maven-plugin: its classes in
 * BOOT-INF/classes, gipc in BOOT-INF/lib), run in each layout Spring Boot offers. In each, BootApp starts a child
 * whose target is one of its methods and a pool whose tasks are, and each must load BootApp the way its parent
 * did: through Spring Boot's class loader when the parent did, from the plain class path otherwise.
 */
class BootJarIT {
    private static final String SPRING_BOOT_LOADER = "LaunchedClassLoader";
    private static final String JDK_LOADER = "AppClassLoader";
    private static Path work;

    @BeforeAll
    static void cleanWorkDir() throws IOException {
        work = ItSupport.workDir().resolve("boot");
        deleteTree(work);
        Files.createDirectories(work);
    }

    /** No flag: JDK 24+'s native access comes from the jar's manifest ({@code Enable-Native-Access}). */
    @Test
    void javaDashJar() throws Exception {
        ForkedJava run =
                ForkedJava.run("boot-jar", work, List.of("-jar", bootJar().toString()));
        assertRanEverything(run, SPRING_BOOT_LOADER);
    }

    /** The jar unzipped, started by Spring Boot's launcher from the directory. */
    @Test
    void explodedJarWithSpringBootsLauncher() throws Exception {
        Path dir = unzip(bootJar(), work.resolve("exploded"));
        ForkedJava run = ForkedJava.run(
                "boot-exploded",
                work,
                withNativeAccess(List.of("-cp", dir.toString(), "org.springframework.boot.loader.launch.JarLauncher")));
        assertRanEverything(run, SPRING_BOOT_LOADER);
    }

    /** The jar unzipped and run as a plain class path: BOOT-INF/classes and BOOT-INF/lib/*. */
    @Test
    void unpackedToAPlainClassPath() throws Exception {
        Path dir = unzip(bootJar(), work.resolve("unpacked"));
        String classpath = dir.resolve("BOOT-INF/classes") + File.pathSeparator + dir.resolve("BOOT-INF/lib") + "/*";
        ForkedJava run = ForkedJava.run(
                "boot-unpacked", work, withNativeAccess(List.of("-cp", classpath, "io.gipc.it.boot.BootApp")));
        assertRanEverything(run, JDK_LOADER);
    }

    /** {@code java -Djarmode=tools -jar app.jar extract}: a jar whose manifest's Class-Path names lib/*.jar. */
    @Test
    void extractedBySpringBootsTools() throws Exception {
        Path dir = work.resolve("extracted");
        ForkedJava extract = ForkedJava.run(
                "boot-extract",
                work,
                List.of("-Djarmode=tools", "-jar", bootJar().toString(), "extract", "--destination", dir.toString()));
        assertEquals(0, extract.exitCode, extract.report());
        Path jar = dir.resolve(bootJar().getFileName());
        assertTrue(Files.isRegularFile(jar), "no " + jar + "\n" + extract.report());

        ForkedJava run = ForkedJava.run("boot-extracted", work, List.of("-jar", jar.toString()));
        assertRanEverything(run, JDK_LOADER);
    }

    private static void assertRanEverything(ForkedJava run, String loader) {
        assertEquals(0, run.exitCode, run.report());
        assertEquals(
                List.of(
                        "parent loader: " + loader,
                        "child said: hello from a child, loader " + loader,
                        "child exit code: 0",
                        "pool squares: [1, 4, 9, 16]",
                        "worker: loader " + loader + ", netty true",
                        "worker exit codes: [0]",
                        "open handles: 0"),
                run.lines(),
                run.report());
        assertTrue(run.err.isBlank(), "the parent or a child printed to stderr (a warning?)\n" + run.report());
    }

    /** JDK 24+ warns about native access unless told: a manifest tells it only to a JVM started with -jar. */
    private static List<String> withNativeAccess(List<String> args) {
        List<String> all = new ArrayList<>();
        if (Runtime.version().feature() >= 24) {
            all.add("--enable-native-access=ALL-UNNAMED");
        }
        all.addAll(args);
        return all;
    }

    private static Path bootJar() {
        String jar = System.getProperty("gipc.it.bootJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no Spring Boot jar at " + jar + ": run these tests with Maven"
                    + " (failsafe, at verify, after package made it)");
        }
        return Path.of(jar);
    }

    /** Unzips a jar as it is: the nested jars of BOOT-INF/lib stay jars. */
    private static Path unzip(Path jar, Path dir) throws IOException {
        deleteTree(dir);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return dir;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
