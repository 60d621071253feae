package io.gipc.netty.handles;

import io.gipc.GipcHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Descriptors as /proc/self/fd shows them, for the tests of handles inside messages (Linux). */
final class Fds {
    /** Against hangs only. */
    static final long HANG_SECONDS = 60;

    private static final Pattern FD = Pattern.compile("\\(fd (\\d+)\\)");

    private Fds() {}

    static <T> T await(Future<T> f) throws Exception {
        return f.get(HANG_SECONDS, TimeUnit.SECONDS);
    }

    /** The descriptor number a handle's name gives, e.g. 17 for {@code GipcReader#3 (fd 17)}. */
    static int fdOf(GipcHandle h) {
        Matcher m = FD.matcher(h.toString());
        if (!m.find()) {
            throw new AssertionError("no descriptor number in " + h);
        }
        return Integer.parseInt(m.group(1));
    }

    /** What a descriptor of this process points at ("socket:[123]"), or null if it is not open. */
    static String target(int fd) {
        try {
            return Files.readSymbolicLink(Paths.get("/proc/self/fd/" + fd)).toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** The sockets this process has open, as "socket:[inode]". */
    static Set<String> sockets() throws IOException {
        Set<String> result = new TreeSet<>();
        try (Stream<Path> entries = Files.list(Paths.get("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                try {
                    String t = Files.readSymbolicLink(p).toString();
                    if (t.startsWith("socket:")) {
                        result.add(t);
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor
                }
            }
        }
        return result;
    }

    /** How many descriptors this process has open. */
    static int count() throws IOException {
        try (Stream<Path> entries = Files.list(Paths.get("/proc/self/fd"))) {
            return (int) entries.count() - 1;
        }
    }

    /** Waits until the count comes back to at most {@code expected} (an event loop closes asynchronously). */
    static int settleTo(int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int now = count();
        while (now > expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = count();
        }
        return now;
    }
}
