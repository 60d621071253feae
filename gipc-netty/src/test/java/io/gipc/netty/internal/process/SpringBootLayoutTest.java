package io.gipc.netty.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringBootLayoutTest {
    private static final String MAIN = ChildCommand.LAUNCHER_MAIN;

    @Test
    void aSpringBootJarStartsTheLauncherThroughPropertiesLauncher(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("app.jar"), "org.springframework.boot.loader.launch.JarLauncher", "4.0.7");

        assertEquals(
                List.of("-Dloader.main=" + MAIN, "org.springframework.boot.loader.launch.PropertiesLauncher"),
                SpringBootLayout.mainArguments(List.of(jar.toString()), MAIN));
    }

    @Test
    void theClassicLoaderOfOlderSpringBootHasItsOwnPackage(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("old.jar"), "org.springframework.boot.loader.JarLauncher", "2.7.18");

        assertEquals(
                Optional.of("org.springframework.boot.loader.PropertiesLauncher"),
                SpringBootLayout.springBootLauncher(jar));
    }

    @Test
    void anUnzippedSpringBootJarToo(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("META-INF"));
        try (OutputStream out = Files.newOutputStream(dir.resolve(JarFile.MANIFEST_NAME))) {
            manifest("org.springframework.boot.loader.launch.JarLauncher", "4.0.7")
                    .write(out);
        }
        assertEquals(
                Optional.of("org.springframework.boot.loader.launch.PropertiesLauncher"),
                SpringBootLayout.springBootLauncher(dir));
    }

    @Test
    void anyOtherClassPathStartsTheLauncherByName(@TempDir Path dir) throws Exception {
        Path plain = jar(dir.resolve("plain.jar"), "com.example.App", null);
        // Extracted by Spring Boot's tools: its own main class, the libraries in the manifest's Class-Path.
        Path extracted = jar(dir.resolve("extracted.jar"), "com.example.App", "4.0.7");
        Path boot = jar(dir.resolve("boot.jar"), "org.springframework.boot.loader.launch.JarLauncher", "4.0.7");
        Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a zip");

        for (List<String> cp : List.<List<String>>of(
                List.of(plain.toString()),
                List.of(extracted.toString()),
                List.of(notAJar.toString()),
                List.of(dir.resolve("missing.jar").toString()),
                List.of(),
                List.of(boot.toString(), plain.toString()))) {
            assertEquals(List.of(MAIN), SpringBootLayout.mainArguments(cp, MAIN), cp.toString());
        }
    }

    @Test
    void theChildCommandEndsWithLoaderMainAfterEveryOtherOption(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("app.jar"), "org.springframework.boot.loader.launch.JarLauncher", "4.0.7");
        List<String> argv = ChildCommand.build(
                ChildCommand.currentJava(),
                List.of(jar.toString()),
                List.of("-Dloader.main=com.example.App"),
                List.of("-Dextra=1"),
                2);

        int launcher = argv.indexOf("org.springframework.boot.loader.launch.PropertiesLauncher");
        assertEquals("-Dloader.main=" + MAIN, argv.get(launcher - 1), argv.toString());
        assertTrue(argv.indexOf("-Dloader.main=com.example.App") < argv.indexOf("-Dextra=1"), argv.toString());
        assertEquals(List.of("3", "4"), argv.subList(launcher + 1, argv.size()));
    }

    private static Path jar(Path file, String mainClass, String springBootVersion) throws Exception {
        try (JarOutputStream out =
                new JarOutputStream(Files.newOutputStream(file), manifest(mainClass, springBootVersion))) {
            out.flush();
        }
        return file;
    }

    private static Manifest manifest(String mainClass, String springBootVersion) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        if (springBootVersion != null) {
            m.getMainAttributes().putValue(SpringBootLayout.SPRING_BOOT_VERSION, springBootVersion);
        }
        return m;
    }
}
