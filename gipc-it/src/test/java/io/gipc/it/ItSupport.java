package io.gipc.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Paths handed over by the build (gipc-it/pom.xml) and small helpers. */
final class ItSupport {
    private ItSupport() {}

    /** The runtime dependencies of a user's application, as Maven resolved them: gipc-netty's jar and its POM's. */
    static Path modulePath() {
        return Path.of(property("gipc.it.modulePath"));
    }

    /** The sources of the little application module that the module-path test compiles and runs. */
    static Path appSources() {
        return Path.of(property("gipc.it.appSources"));
    }

    /** Scratch space under target/. */
    static Path workDir() {
        return Path.of(property("gipc.it.workDir"));
    }

    /** The POM that installing or deploying gipc-netty publishes. */
    static Path gipcNettyPom() {
        return Path.of(property("gipc.it.gipcNettyPom"));
    }

    /** The gipc-netty jar on the module path: the packaged one, with its module descriptor. */
    static Path gipcNettyJar() throws IOException {
        List<Path> jars = jarsStartingWith("gipc-netty-");
        if (jars.size() != 1) {
            throw new AssertionError("expected one gipc-netty jar in " + modulePath() + ", found " + jars);
        }
        return jars.get(0);
    }

    static List<Path> jarsStartingWith(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(modulePath())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run these tests with"
                    + " Maven (failsafe, at verify), which sets it");
        }
        return value;
    }
}
