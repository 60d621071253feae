package io.gipc.netty.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A Spring Boot executable jar (a jar of jars) as a child's whole class path, and how to start gipc's launcher in
 * it.
 *
 * <p>In such a jar the application's classes are under {@code BOOT-INF/classes} and its libraries (gipc among
 * them) are jars nested in {@code BOOT-INF/lib}, which only Spring Boot's class loader reads: {@code java -cp app.jar
 * ChildMain} would not find the launcher. So a child starts Spring Boot's own {@code PropertiesLauncher}, told by
 * {@code -Dloader.main} to run gipc's launcher instead of the application's {@code Start-Class}; it builds the same
 * class loader over the same nested jars as the parent's {@code JarLauncher} did.
 *
 * <p>The jar is recognised by its manifest: a {@code Spring-Boot-Version} and a {@code Main-Class} of Spring Boot's
 * loader (Spring Boot 3.2 and later: {@code org.springframework.boot.loader.launch}; earlier and the "classic"
 * loader: {@code org.springframework.boot.loader}). The same holds for such a jar unzipped into a directory and run
 * as {@code java -cp dir org.springframework.boot.loader.launch.JarLauncher}. Other layouts need nothing: an
 * application unpacked to a plain class path ({@code BOOT-INF/classes} and {@code BOOT-INF/lib/*}), or extracted by
 * {@code java -Djarmode=tools -jar app.jar extract} (a jar whose manifest {@code Class-Path} names its libraries),
 * starts children like any class path.
 */
final class SpringBootLayout {
    static final String SPRING_BOOT_VERSION = "Spring-Boot-Version";
    /** The system property of {@code PropertiesLauncher} that names the main class to run. */
    static final String LOADER_MAIN = "loader.main";

    private static final String LOADER_PACKAGE = "org.springframework.boot.loader.";
    private static final String PROPERTIES_LAUNCHER = "PropertiesLauncher";
    /** Read once per jar: a pool starts many children from the same class path. */
    private static final Map<Path, Optional<String>> LAUNCHERS = new ConcurrentHashMap<>();

    private SpringBootLayout() {}

    /**
     * How a child whose code is on {@code classpath} starts {@code mainClass}: the main class alone, or, when the
     * class path is one Spring Boot executable jar, {@code -Dloader.main=<mainClass>} and Spring Boot's
     * {@code PropertiesLauncher}. The option comes last among the child's options, so it wins over a
     * {@code loader.main} the child inherited from a parent started by {@code PropertiesLauncher} itself.
     *
     * @param classpath the child's class path
     * @param mainClass the class whose {@code main} the child must run
     * @return the arguments that end the child's JVM options: an option or none, then the main class
     */
    static List<String> mainArguments(List<String> classpath, String mainClass) {
        Optional<String> launcher =
                classpath.size() == 1 ? springBootLauncher(Paths.get(classpath.get(0))) : Optional.empty();
        return launcher.map(l -> List.of("-D" + LOADER_MAIN + "=" + mainClass, l))
                .orElse(List.of(mainClass));
    }

    /**
     * The {@code PropertiesLauncher} of the Spring Boot loader that {@code entry} is built with, if it is a Spring
     * Boot executable jar or such a jar unzipped into a directory.
     *
     * @param entry a class-path entry
     * @return the launcher's class name, or empty for any other entry (one that cannot be read included)
     */
    static Optional<String> springBootLauncher(Path entry) {
        return LAUNCHERS.computeIfAbsent(entry.toAbsolutePath().normalize(), SpringBootLayout::readLauncher);
    }

    private static Optional<String> readLauncher(Path entry) {
        Manifest manifest;
        try {
            manifest = manifestOf(entry);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a jar we can read: the child's JVM will say what is wrong with it
        }
        if (manifest == null) {
            return Optional.empty();
        }
        Attributes main = manifest.getMainAttributes();
        String mainClass = main.getValue(Attributes.Name.MAIN_CLASS);
        if (main.getValue(SPRING_BOOT_VERSION) == null || mainClass == null || !mainClass.startsWith(LOADER_PACKAGE)) {
            return Optional.empty();
        }
        // The launcher beside the jar's own (JarLauncher): both in the loader's package, whichever version it is.
        return Optional.of(mainClass.substring(0, mainClass.lastIndexOf('.') + 1) + PROPERTIES_LAUNCHER);
    }

    private static Manifest manifestOf(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            Path file = entry.resolve(JarFile.MANIFEST_NAME);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Manifest(in);
            }
        }
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try (JarFile jar = new JarFile(entry.toFile(), false)) {
            return jar.getManifest();
        }
    }
}
