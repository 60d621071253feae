package io.gipc.netty.internal.process;

import io.gipc.GipcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks the files a child's stdout and stderr are redirected to before it is spawned, so that a file that
 * cannot be opened is named in the parent (posix_spawn would report only an error number, indistinguishable
 * from a missing executable).
 */
final class Redirects {
    private Redirects() {}

    /**
     * Creates the file, or truncates it, as the child's open will.
     *
     * @param file the file, or null for no redirect
     * @param stream which stream goes there, for the message
     * @throws GipcException naming the file and the reason if it cannot be opened for writing
     */
    static void prepare(Path file, String stream) {
        if (file == null) {
            return;
        }
        try {
            Files.newOutputStream(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)
                    .close();
        } catch (IOException | RuntimeException e) {
            throw new GipcException("cannot send the child's " + stream + " to " + file + ": " + e, e);
        }
    }

    /**
     * Tells whether two redirects name one file.
     *
     * @param a a file, or null
     * @param b a file, or null
     * @return true if both are given and are the same file
     */
    static boolean sameFile(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
