package io.gipc.netty.internal.process;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gipc's per-user cache directory: {@code io.gipc.cacheDir} if set, else {@code $XDG_CACHE_HOME/gipc}, else
 * {@code ~/.cache/gipc}. It holds what makes children start sooner and can be made again at any time: class-data
 * archives and the children's argument files. Created readable by this user only; a directory that cannot be
 * created, or that another user owns or may write in, is not used; one that cannot be written is only read.
 */
final class CacheDirectory {
    /** The system property that chooses the directory. */
    static final String PROPERTY = "io.gipc.cacheDir";

    private static final Logger LOG = LoggerFactory.getLogger(CacheDirectory.class);
    /** Whether each directory could be written, found out once per JVM; absent if it could not be made at all. */
    private static final Map<Path, Optional<Boolean>> WRITABLE = new ConcurrentHashMap<>();

    private final Path root;
    private final boolean writable;

    private CacheDirectory(Path root, boolean writable) {
        this.root = root;
        this.writable = writable;
    }

    /**
     * The cache directory the system properties and the environment name, if it exists or could be made.
     *
     * @return the directory, or empty when there is none to use
     */
    static Optional<CacheDirectory> current() {
        Path root = location();
        if (root == null) {
            return Optional.empty();
        }
        return WRITABLE.computeIfAbsent(root, CacheDirectory::probe).map(w -> new CacheDirectory(root, w));
    }

    /** Where the cache is, or null when no home directory is known. */
    static Path location() {
        String chosen = System.getProperty(PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            return Paths.get(chosen).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "gipc");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isEmpty() || home.equals("?") ? null : Paths.get(home, ".cache", "gipc");
    }

    /** Makes the directory if needed, then tries to write in it (a root user passes any permission check). */
    private static Optional<Boolean> probe(Path root) {
        try {
            if (!Files.isDirectory(root)) {
                try {
                    Files.createDirectories(root.getParent());
                    Files.createDirectory(
                            root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException e) {
                    // made by another JVM meanwhile, or a file in the way (then isDirectory says so below)
                }
            }
            if (!Files.isDirectory(root)) {
                LOG.debug("gipc's cache {} is not a directory: children start without it", root);
                return Optional.empty();
            }
            if (!ownedAndPrivate(root)) {
                // Whoever else may write there could plant an archive, and a JVM that maps it runs its classes.
                LOG.debug(
                        "gipc's cache directory {} belongs to another user or others may write in it: children"
                                + " start without it",
                        root);
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot make gipc's cache directory {}: children start without it ({})", root, e.toString());
            return Optional.empty();
        }
        try {
            Files.delete(Files.createTempFile(root, ".probe-", ".tmp"));
            return Optional.of(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("gipc's cache directory {} cannot be written: it is only read ({})", root, e.toString());
            return Optional.of(false);
        }
    }

    /** Owned by this JVM's user, and writable by nobody else (where the file system has POSIX permissions). */
    private static boolean ownedAndPrivate(Path root) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return true;
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        return attributes.owner().getName().equals(System.getProperty("user.name"))
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /**
     * A subdirectory, made if needed.
     *
     * @param name its name
     * @return its path, or null if it does not exist and cannot be made
     */
    Path subdirectory(String name) {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir) && writable) {
            try {
                Files.createDirectories(dir);
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot make {}: {}", dir, e.toString());
            }
        }
        return Files.isDirectory(dir) ? dir : null;
    }

    /** @return whether files can be written here */
    boolean writable() {
        return writable;
    }

    /** @return the directory */
    Path root() {
        return root;
    }

    /**
     * Writes a file whole or not at all: into a new temporary name beside it, then renamed over it, so that a
     * reader (another JVM, a child's launcher) sees either the old file or the new one, never part of one.
     *
     * @param file the file
     * @param bytes its new content
     * @throws IOException if it cannot be written (the temporary file is removed)
     */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "."
                + Long.toHexString(ProcessHandle.current().pid()) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A file name for a content: the first 128 bits of its SHA-256, in hex.
     *
     * @param bytes the content
     * @return 32 hex digits
     */
    static String nameFor(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
