package io.gipc.netty.internal.process;

import io.gipc.netty.internal.launcher.ChildMain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data archives for child JVMs, kept in gipc's {@link CacheDirectory} (subdirectory {@code cds}): a child
 * maps the classes that gipc, Netty and the application load at start-up from one archive instead of reading
 * them from the jars one by one.
 *
 * <p>An archive is made by the first child of a kind ({@code -XX:ArchiveClassesAtExit}, which writes it as the
 * child exits), and used by the later ones ({@code -XX:SharedArchiveFile}). On JDK 25 and later it is an AOT cache
 * instead ({@code -XX:AOTCache}), which also holds the classes linked and the lambdas and method handles resolved:
 * the first child records what it does ({@code -XX:AOTMode=record}), and once it has ended this JVM makes the cache
 * from that in the background ({@link AotCacheBuild}). A JVM loads all of an AOT cache's classes as it starts, so
 * children with handles and children without get a cache each, and the recording child does not bring up the
 * transport after its target as the dynamic archive's builder does. The kind is the key: the child's
 * {@code java} (its path and the files of its JDK that change with an update), its class path (each entry with
 * its size and time of change) and its JVM options; the archive is only as good as that match, and the JVM
 * checks it again.
 *
 * <p>Nothing here may make a child fail or print:
 * <ul>
 *   <li>A child writes its archive to a name of its own; the parent checks that it exited normally, then renames
 *       the archive into place and records its size and CRC-32C in the key's reference file (written and renamed
 *       in turn). Two JVMs building the same archive at once each publish a whole one; the last reference wins.</li>
 *   <li>Before the first use in a JVM, the archive's size and CRC are checked against its reference: a truncated
 *       archive crashes a JDK 17 child, so a mismatch is removed and built again.</li>
 *   <li>The JVM's own messages about archives are turned off for the child ({@code -Xlog:cds=off,...}); an archive
 *       the JVM cannot use is skipped without a word, as with {@code -Xshare:auto}.</li>
 *   <li>A cache directory that cannot be made or written, a class path with a directory of classes (the JVM
 *       archives classes from jars only), a module path, or a child whose options choose class data sharing
 *       themselves: the child starts without gipc's archive.</li>
 * </ul>
 * {@code -Dio.gipc.classDataSharing=false} turns it off.
 */
public final class ClassDataCache {
    /** The system property that turns the archives off ({@code false}). */
    public static final String PROPERTY = "io.gipc.classDataSharing";

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataCache.class);
    private static final String USE = "-XX:SharedArchiveFile=";
    private static final String BUILD = "-XX:ArchiveClassesAtExit=";
    static final String AOT_USE = "-XX:AOTCache=";
    static final String AOT_RECORD = "-XX:AOTMode=record";
    static final String AOT_CONFIGURATION = "-XX:AOTConfiguration=";
    /** The recording JVM prints where it wrote its configuration on stdout as it exits: its console output is off. */
    private static final List<String> AOT_SILENT = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput");
    /** The first JDK whose AOT cache gipc uses (JDK 24 has one too, but gipc was not checked against it). */
    static final int AOT_FEATURE = 25;
    /** The JVM's messages about an AOT cache it cannot use (another JDK build, a changed jar). */
    static final String AOT_QUIET = "-Xlog:aot*=off,cds*=off";
    /** Tells the building child's launcher to bring up the transport too: children with handles need its classes. */
    private static final String BUILDER = "-D" + ChildMain.BUILDS_ARCHIVE_PROPERTY + "=true";
    /** The child JVM's messages about archives (mismatches, classes it skips) would go to the user's stdout. */
    static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";
    /** Options by which a user chooses class data sharing for a child; gipc then stays out of it. */
    private static final List<String> SHARING_OPTIONS = List.of(
            "-Xshare:",
            "-XX:SharedArchiveFile",
            "-XX:ArchiveClassesAtExit",
            "-XX:+AutoCreateSharedArchive",
            "-XX:AOT",
            "-XX:-UseSharedSpaces",
            "-XX:SharedClassListFile",
            "-XX:DumpLoadedClassList");

    private static final Pattern REFERENCE =
            Pattern.compile("([0-9a-f]{32}-[0-9a-f]+\\.(?:jsa|aot)) (\\d+) ([0-9a-f]+)\n?");
    private static final Duration ABANDONED = Duration.ofHours(1);
    private static final Duration UNUSED = Duration.ofDays(30);
    /** Keys whose archive a child of this JVM is building: one child per key builds it. */
    private static final Set<Path> BUILDING = ConcurrentHashMap.newKeySet();
    /** Archives whose CRC this JVM has checked. */
    private static final Map<Path, Boolean> CHECKED = new ConcurrentHashMap<>();

    private ClassDataCache() {}

    /** What a child gets from the cache: options for its command line, and what to do once it has ended. */
    public static final class Plan {
        /** No archive: nothing on the command line, nothing to do. */
        static final Plan NONE = new Plan(List.of(), null, null, null);

        private final List<String> options;
        private final Path reference;
        private final Path building;
        /** For an AOT cache: how to make it from what the child recorded in {@link #building}; else null. */
        private final AotCacheBuild aot;

        private Plan(List<String> options, Path reference, Path building, AotCacheBuild aot) {
            this.options = List.copyOf(options);
            this.reference = reference;
            this.building = building;
            this.aot = aot;
        }

        /** @return the options to put on the child's command line, before every other option */
        public List<String> options() {
            return options;
        }

        /**
         * Publishes the archive the child built, if it built one and exited normally; else removes what it left.
         * Never throws.
         *
         * @param exitCode the child's exit code (negative: killed by a signal), or null if unknown
         */
        public void childEnded(Integer exitCode) {
            if (building == null) {
                return;
            }
            if (aot != null && exitCode != null && exitCode >= 0 && isNonEmptyFile(building)) {
                aot.start(); // publishes, and tidies up, when it is done
                return;
            }
            try {
                if (exitCode != null && exitCode >= 0 && Files.isRegularFile(building) && Files.size(building) > 0) {
                    publish(reference, building);
                } else {
                    LOG.debug("no class-data archive to publish from {} (exit {})", building, exitCode);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot publish the class-data archive {}: {}", building, e.toString());
            } finally {
                deleteQuietly(building);
                BUILDING.remove(reference);
            }
        }
    }

    private static boolean isNonEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Publishes an AOT cache made for a key, and lets the key be built again when making it failed.
     *
     * @param reference the key's reference file
     * @param built the cache, complete, or null if it could not be made
     */
    static void aotCacheMade(Path reference, Path built) {
        try {
            if (built != null) {
                publish(reference, built);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot publish the AOT cache {}: {}", built, e.toString());
        } finally {
            if (built != null) {
                deleteQuietly(built);
            }
            BUILDING.remove(reference);
        }
    }

    /**
     * The archive options for a child.
     *
     * @param java the child's {@code java}, absolute
     * @param feature the feature version of the child's JDK
     * @param code where the child's code is
     * @param options every other JVM option of the child
     * @param handles whether the child inherits handles (and so brings up the transport)
     * @return the plan; {@link Plan#NONE} when the child goes without
     */
    static Plan plan(Path java, int feature, CodeLayout code, List<String> options, boolean handles) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim()) || feature < 17) {
            return Plan.NONE;
        }
        if (!code.modulePath().isEmpty()
                || !code.upgradeModulePath().isEmpty()
                || !code.patchModules().isEmpty()) {
            LOG.debug("no class-data archive for a child on the module path");
            return Plan.NONE;
        }
        if (options.stream().anyMatch(o -> SHARING_OPTIONS.stream().anyMatch(o::startsWith))) {
            return Plan.NONE; // the user's choice
        }
        Optional<CacheDirectory> cache = CacheDirectory.current();
        Path dir = cache.map(c -> c.subdirectory("cds")).orElse(null);
        if (dir == null) {
            return Plan.NONE;
        }
        boolean aot = feature >= AOT_FEATURE;
        // A JVM loads every class of its AOT cache as it starts, where it maps a dynamic archive's only as they are
        // needed: children with handles (Netty, JNA) and children without each get a cache of their own.
        List<String> kind = options;
        if (aot) {
            kind = new ArrayList<>(options);
            kind.add(handles ? "AOT cache of children with handles" : "AOT cache of children without handles");
        }
        String key = key(java, code.classpath(), kind);
        if (key == null) {
            return Plan.NONE;
        }
        Path reference = dir.resolve(key + ".ref");
        boolean writable = cache.get().writable();
        Path archive = published(reference, writable);
        if (archive != null) {
            return new Plan(
                    List.of(aot ? AOT_USE + archive : USE + archive, aot ? AOT_QUIET : QUIET), null, null, null);
        }
        if (!writable || !BUILDING.add(reference)) {
            return Plan.NONE;
        }
        String name = key + "-" + uniqueSuffix();
        if (aot) {
            Path configuration = dir.resolve(name + ".aotconf.part");
            LOG.debug("a child records the AOT configuration {}", configuration);
            List<String> record = new ArrayList<>(AOT_SILENT);
            record.addAll(List.of(AOT_RECORD, AOT_CONFIGURATION + configuration, AOT_QUIET));
            AotCacheBuild build =
                    new AotCacheBuild(java, code, options, configuration, dir.resolve(name + ".aot.part"), reference);
            return new Plan(record, reference, configuration, build);
        }
        Path building = dir.resolve(name + ".jsa.part");
        LOG.debug("a child builds the class-data archive {}", building);
        return new Plan(List.of(BUILD + building, QUIET, BUILDER), reference, building, null);
    }

    /**
     * Whether an option inherited from this JVM is one gipc gave it as a child: its children get their own.
     *
     * @param option a JVM option
     * @return true for gipc's archive options
     */
    static boolean isOwnOption(String option) {
        if (option.equals(QUIET)
                || option.equals(AOT_QUIET)
                || option.equals(BUILDER)
                || option.equals(AOT_RECORD)
                || option.equals(AOT_SILENT.get(1))) {
            return true;
        }
        return inCache(option, USE) || inCache(option, AOT_USE) || inCache(option, AOT_CONFIGURATION);
    }

    /** Whether an option is {@code prefix} followed by a file in gipc's cache directory. */
    private static boolean inCache(String option, String prefix) {
        Path root = CacheDirectory.location();
        return option.startsWith(prefix)
                && root != null
                && Paths.get(option.substring(prefix.length())).startsWith(root.resolve("cds"));
    }

    /**
     * The key of a child's archive, or null when its class path has a directory of classes, which the JVM cannot
     * archive.
     */
    static String key(Path java, List<String> classpath, List<String> options) {
        StringBuilder key = new StringBuilder("gipc class-data archive 1\n");
        Path real;
        try {
            real = java.toRealPath();
        } catch (IOException e) {
            real = java;
        }
        key.append(real).append('\n');
        Path home = real.getParent() == null ? null : real.getParent().getParent();
        if (home != null) {
            key.append(stamp(home.resolve("lib").resolve("modules"))).append('\n');
            key.append(stamp(home.resolve("lib").resolve("server").resolve("libjvm.so")))
                    .append('\n');
        }
        for (String entry : classpath) {
            Path p = Paths.get(entry).toAbsolutePath();
            if (Files.isDirectory(p)) {
                if (!isEmptyDirectory(p)) {
                    LOG.debug("no class-data archive for a child with the directory {} on its class path", p);
                    return null;
                }
                key.append("empty directory ").append(p).append('\n');
            } else {
                key.append(stamp(p)).append('\n');
            }
        }
        for (String option : options) {
            key.append(option).append('\n');
        }
        return CacheDirectory.nameFor(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String stamp(Path file) {
        try {
            return file + "\t" + Files.size(file) + "\t"
                    + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file + "\tmissing";
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The archive the reference names, checked; null (and the pair removed, if it may be) when there is none. */
    private static Path published(Path reference, boolean writable) {
        String text;
        try {
            text = Files.readString(reference, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) { // unreadable, or not ASCII
            return discard(reference, null, writable, e.toString());
        }
        Matcher m = REFERENCE.matcher(text);
        String key = reference.getFileName().toString().replace(".ref", "");
        if (!m.matches() || !m.group(1).startsWith(key + "-")) {
            return discard(reference, null, writable, "not a reference");
        }
        Path archive = reference.resolveSibling(m.group(1));
        try {
            long size = Files.size(archive);
            if (size != Long.parseLong(m.group(2))) {
                return discard(reference, archive, writable, size + " bytes instead of " + m.group(2));
            }
            if (!CHECKED.containsKey(archive)) {
                String crc = crc(archive);
                if (!crc.equals(m.group(3))) {
                    return discard(reference, archive, writable, "CRC " + crc + " instead of " + m.group(3));
                }
                CHECKED.put(archive, true);
                if (writable) {
                    Files.setLastModifiedTime(reference, FileTime.from(Instant.now())); // in use: kept
                }
            }
            return archive;
        } catch (NoSuchFileException e) {
            return discard(reference, null, writable, "the archive is gone");
        } catch (IOException | RuntimeException e) {
            return discard(reference, archive, writable, e.toString());
        }
    }

    private static Path discard(Path reference, Path archive, boolean writable, String why) {
        LOG.debug("class-data archive of {} not used: {}", reference, why);
        if (writable) {
            deleteQuietly(reference);
            if (archive != null) {
                deleteQuietly(archive);
            }
        }
        return null;
    }

    private static void publish(Path reference, Path built) throws IOException {
        String name = built.getFileName().toString().replace(".part", "");
        Path archive = reference.resolveSibling(name);
        long size = Files.size(built);
        String crc = crc(built);
        Files.move(built, archive, StandardCopyOption.ATOMIC_MOVE);
        Path previous = referenced(reference);
        CacheDirectory.writeAtomically(
                reference, (name + " " + size + " " + crc + "\n").getBytes(StandardCharsets.US_ASCII));
        CHECKED.put(archive, true);
        LOG.debug("published the class-data archive {} ({} bytes)", archive, size);
        if (previous != null && !previous.equals(archive)) {
            deleteQuietly(previous); // a JVM about to map it starts without: the JVM skips a missing archive
        }
        sweep(reference.getParent());
    }

    /** The archive a reference names, unchecked; null if none. */
    private static Path referenced(Path reference) {
        try {
            Matcher m = REFERENCE.matcher(Files.readString(reference, StandardCharsets.US_ASCII));
            return m.matches() ? reference.resolveSibling(m.group(1)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Removes what is left of builds that never finished (their parent died), archives no reference names (two
     * builds raced), and archives unused for a month (an old class path).
     */
    private static void sweep(Path dir) {
        Instant now = Instant.now();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Instant changed = Files.getLastModifiedTime(f).toInstant();
                if (name.endsWith(".part") || name.endsWith(".tmp")) {
                    if (changed.plus(ABANDONED).isBefore(now)) {
                        deleteQuietly(f);
                    }
                } else if (name.endsWith(".ref")) {
                    if (changed.plus(UNUSED).isBefore(now)) {
                        Path archive = referenced(f);
                        deleteQuietly(f);
                        if (archive != null) {
                            deleteQuietly(archive);
                        }
                    }
                } else if ((name.endsWith(".jsa") || name.endsWith(".aot"))
                        && name.length() > 32
                        && changed.plus(ABANDONED).isBefore(now)) {
                    Path reference = dir.resolve(name.substring(0, 32) + ".ref");
                    if (!f.equals(referenced(reference))) {
                        deleteQuietly(f);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot tidy {}: {}", dir, e.toString());
        }
    }

    static String crc(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return Long.toHexString(crc.getValue());
    }

    private static String uniqueSuffix() {
        return Long.toHexString(ProcessHandle.current().pid())
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0x7fffffff);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot delete {}: {}", file, e.toString());
        }
    }
}
