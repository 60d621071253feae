package io.gipc.netty.testsupport;

import io.gipc.Gipc;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fails a test that leaves gipc handles or descriptors open, the way gipc's own suite does after every test
 * ({@code check_for_handles_left_open}).
 *
 * <p>Before each test it records {@link Gipc#openHandles()} and the descriptors of this process. After each test
 * (after the test's own {@code @AfterEach} methods) it
 * <ul>
 *   <li>fails the test if a handle opened during the test is still open, naming each one, and closes them so that
 *       later tests start clean (a handle with an operation pending is tried again for a while: a {@code get()}
 *       whose other end was just closed ends with EOF);</li>
 *   <li>fails the test if the number of descriptors has not come back to the baseline within a few seconds. It
 *       polls, because a handle closed on an event-loop thread closes its descriptor when the loop gets to it.</li>
 * </ul>
 *
 * <p>Descriptors are counted from {@code /proc/self/fd} (Linux) or {@code /dev/fd} (macOS). On Linux, descriptors
 * of files (jars and class files the JVM opens lazily while loading classes, {@code /dev/urandom}, temporary files
 * of the test runner) are left out of the count: gipc's descriptors are sockets, pipes and event-loop descriptors,
 * never files with a path.
 *
 * <p>Before the first baseline of the JVM it opens and closes one raw pipe, so that descriptors which live as long
 * as the JVM (the event loop's own) already exist and are part of every baseline.
 */
public final class NoLeaksExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NoLeaksExtension.class);
    private static final String HANDLES = "handles";
    private static final String DESCRIPTORS = "descriptors";
    private static final long SETTLE_MILLIS = 5_000;

    private static volatile boolean warmedUp;

    @Override
    public void beforeEach(ExtensionContext context) {
        warmUp();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(HANDLES, Gipc.openHandles());
        store.put(DESCRIPTORS, descriptors());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        @SuppressWarnings("unchecked")
        List<GipcHandle> handlesBefore = store.get(HANDLES, List.class);
        @SuppressWarnings("unchecked")
        Map<String, String> descriptorsBefore = store.get(DESCRIPTORS, Map.class);
        if (handlesBefore == null || descriptorsBefore == null) {
            return; // beforeEach failed; its failure is reported already
        }
        List<String> problems = new ArrayList<>();

        Set<GipcHandle> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(handlesBefore);
        List<String> leftOpen = new ArrayList<>();
        List<GipcHandle> locked = new ArrayList<>();
        for (GipcHandle h : Gipc.openHandles()) {
            if (known.contains(h)) {
                continue;
            }
            leftOpen.add(h + (h.isLocked() ? " (an operation pending)" : ""));
            try {
                h.close();
            } catch (GipcException e) {
                locked.add(h);
            }
        }
        // a get() pending on a handle whose peer was just closed ends with EOF: try those again for a while
        long cleanupDeadline = System.nanoTime() + 2_000_000_000L;
        while (!locked.isEmpty() && System.nanoTime() < cleanupDeadline) {
            Thread.sleep(20);
            locked.removeIf(h -> {
                try {
                    h.close();
                    return true;
                } catch (GipcException e) {
                    return h.isClosed();
                }
            });
        }
        if (!leftOpen.isEmpty()) {
            problems.add("the test left " + leftOpen.size() + " gipc handle(s) open: " + String.join(", ", leftOpen)
                    + (locked.isEmpty() ? "" : "; still locked, so left open: " + locked));
        }

        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
        Map<String, String> now = descriptors();
        while (now.size() > descriptorsBefore.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = descriptors();
        }
        if (now.size() > descriptorsBefore.size()) {
            Map<String, String> added = new TreeMap<>();
            now.forEach((fd, target) -> {
                if (!target.equals(descriptorsBefore.get(fd))) {
                    added.put(fd, target);
                }
            });
            problems.add("open descriptors: " + descriptorsBefore.size() + " before the test, " + now.size()
                    + " " + SETTLE_MILLIS / 1000 + " s after it; new: " + added);
        }

        if (!problems.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " leaks: " + String.join("; ", problems));
        }
    }

    private static void warmUp() {
        if (warmedUp) {
            return;
        }
        synchronized (NoLeaksExtension.class) {
            if (!warmedUp) {
                GipcPipe<byte[]> pipe = Gipc.rawPipe();
                pipe.close();
                // The JDK's own socket machinery keeps descriptors for the life of the JVM once first used
                // (JDK 21+: the poller of virtual threads); a test that makes a socket must not be blamed for them.
                try {
                    new java.net.Socket().close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                warmedUp = true;
            }
        }
    }

    /**
     * The descriptors of this process that gipc could own: descriptor number to what it points at.
     *
     * @return the descriptors, files with a path left out where that can be told
     */
    public static Map<String, String> descriptors() {
        Path proc = Paths.get("/proc/self/fd");
        boolean linux = Files.isDirectory(proc);
        Path dir = linux ? proc : Paths.get("/dev/fd");
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String target = "?";
                if (linux) {
                    try {
                        target = Files.readSymbolicLink(p).toString();
                    } catch (IOException e) {
                        continue; // closed while we looked (the directory stream's own descriptor, say)
                    }
                    if (target.startsWith("/")) {
                        continue; // a file: a jar, a class file, /dev/urandom, a file of the test runner
                    }
                }
                result.put(p.getFileName().toString(), target);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        return result;
    }
}
