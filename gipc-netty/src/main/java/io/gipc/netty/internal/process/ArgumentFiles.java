package io.gipc.netty.internal.process;

import io.gipc.GipcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code @argfile}s that hold the children's paths, checked before every spawn: a child whose file is gone
 * (removed by a cleaner of temporary files on a long-running server) could not start at all, since the
 * {@code java} launcher gives up on a missing argument file before any code of gipc runs.
 *
 * <p>In gipc's cache directory a file is named by its content, so every JVM with the same paths shares one and
 * none is left behind per run. Without a usable cache directory each JVM writes its own in {@code java.io.tmpdir}
 * (deleted at exit), named with its pid so that the files of JVMs that died without deleting theirs are found
 * and removed.
 */
final class ArgumentFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ArgumentFiles.class);
    private static final String TEMP_PREFIX = "gipc-child-paths-";
    private static final Pattern TEMP_NAME = Pattern.compile("gipc-child-paths-(\\d{1,18})-[0-9a-f]+\\.args");
    private static final Map<String, Path> WRITTEN = new ConcurrentHashMap<>();
    private static volatile boolean staleSwept;

    private ArgumentFiles() {}

    /**
     * The file holding {@code text}, written again if it is gone or changed.
     *
     * @param text the arguments, one per line
     * @return the file
     * @throws GipcException if it cannot be written
     */
    static Path of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path file = WRITTEN.get(text);
        if (file != null && intact(file, bytes.length)) {
            return file;
        }
        String name = CacheDirectory.nameFor(bytes);
        Path shared = CacheDirectory.current()
                .filter(CacheDirectory::writable)
                .map(c -> c.subdirectory("args"))
                .orElse(null);
        file = shared != null
                ? shared.resolve(name + ".args")
                : tempDirectory()
                        .resolve(TEMP_PREFIX + ProcessHandle.current().pid() + "-" + name.substring(0, 16) + ".args");
        try {
            if (!intact(file, bytes.length)) {
                if (shared != null) {
                    CacheDirectory.writeAtomically(file, bytes); // other JVMs may be writing the same
                } else {
                    sweepStale();
                    Files.write(file, bytes); // this JVM's own name: nobody else writes it
                    file.toFile().deleteOnExit();
                }
                LOG.debug("wrote the argument file {}", file);
            }
        } catch (IOException e) {
            throw new GipcException(
                    "cannot write the argument file of a child JVM (its class path and module path)" + " " + file + ": "
                            + e.getMessage(),
                    new UncheckedIOException(e));
        }
        WRITTEN.put(text, file);
        return file;
    }

    /** A file the same size as what it should hold is taken as intact: only this user writes these files. */
    private static boolean intact(Path file, long size) {
        try {
            return Files.size(file) == size;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path tempDirectory() {
        return Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    /** Removes the temporary argument files of JVMs that are no longer running; once per JVM. */
    private static void sweepStale() {
        if (!staleSwept) {
            staleSwept = true;
            sweepStale(tempDirectory());
        }
    }

    /**
     * Removes the argument files in {@code dir} written by JVMs that are no longer running.
     *
     * @param dir a temporary directory
     */
    static void sweepStale(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*.args")) {
            for (Path f : files) {
                Matcher m = TEMP_NAME.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    Files.deleteIfExists(f);
                    LOG.debug("removed {}, left by a JVM that is gone", f);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot look for stale argument files in {}: {}", dir, e.toString());
        }
    }
}
