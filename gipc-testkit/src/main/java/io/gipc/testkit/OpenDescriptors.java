package io.gipc.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The open descriptors of this JVM, from {@code /proc/self/fd} (Linux) or {@code /dev/fd} (macOS): what
 * {@link GipcTestExtension} compares before and after each test, for tests that want to look themselves.
 *
 * <pre>{@code
 * Map<Integer, String> before = OpenDescriptors.now();
 * try (GipcPipe<String> p = Gipc.pipe()) { ... }
 * assertEquals(Map.of(), OpenDescriptors.added(before, OpenDescriptors.now()));
 * }</pre>
 *
 * <p>On Linux, descriptors of files with a path are left out: jars and class files the JVM opens lazily, the
 * test runner's reports, {@code /dev/urandom}. What gipc (and a leaking test) opens are sockets, pipes and
 * event-loop descriptors, which have no path. On macOS every descriptor counts, and what it points at is
 * shown as {@code ?}. A handle closed on an event-loop thread closes its descriptor when the loop gets to it:
 * poll a while before concluding.
 */
public final class OpenDescriptors {
    private static final Path PROC = Paths.get("/proc/self/fd");
    private static final Path DEV = Paths.get("/dev/fd");

    private OpenDescriptors() {}

    /**
     * Tells whether this system lists descriptors where the test kit looks.
     *
     * @return true on Linux and macOS
     */
    public static boolean supported() {
        return Files.isDirectory(PROC) || Files.isDirectory(DEV);
    }

    /**
     * The descriptors now.
     *
     * @return descriptor number to what it points at (for example {@code socket:[81234]}), in number order;
     *         empty where descriptors cannot be listed
     * @throws IllegalStateException if the directory exists but cannot be read
     */
    public static Map<Integer, String> now() {
        boolean linux = Files.isDirectory(PROC);
        Path dir = linux ? PROC : DEV;
        Map<Integer, String> result = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                int fd;
                try {
                    fd = Integer.parseInt(p.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                String target = "?";
                if (linux) {
                    try {
                        target = Files.readSymbolicLink(p).toString();
                    } catch (IOException e) {
                        continue; // closed while we looked (the directory stream's own descriptor, say)
                    }
                    if (target.startsWith("/")) {
                        continue;
                    }
                }
                result.put(fd, target);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        return result;
    }

    /**
     * The descriptors of {@code now} that are new or point elsewhere than in {@code before}.
     *
     * @param before an earlier listing
     * @param now a later listing
     * @return the new ones, in number order
     */
    public static Map<Integer, String> added(Map<Integer, String> before, Map<Integer, String> now) {
        Map<Integer, String> added = new TreeMap<>();
        now.forEach((fd, target) -> {
            if (!target.equals(before.get(fd))) {
                added.put(fd, target);
            }
        });
        return added;
    }
}
