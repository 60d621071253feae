package io.gipc.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class path with each directory of classes put in a jar: the JVM archives classes from jars only, and a
 * build runs the benchmarks with the module's classes in a directory.
 */
final class JarredClassPath {
    private JarredClassPath() {}

    /**
     * The class path, each directory replaced by a jar of its files, written in {@code dir}.
     *
     * @param classpath the entries
     * @param dir where the jars go (made if needed)
     * @return the entries, jars only
     * @throws IOException if a jar cannot be written
     */
    static List<String> of(List<String> classpath, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> entries = new ArrayList<>();
        for (String entry : classpath) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = dir.resolve("classes-" + entries.size() + ".jar");
                jar(p, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /**
     * Deletes a directory and everything in it.
     *
     * @param dir the directory
     * @throws IOException if something cannot be deleted
     */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                f.toFile().setWritable(true);
                Files.deleteIfExists(f);
            }
        }
    }
}
