package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Encoder;
import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcClosedException;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcLockedException;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcTarget0;
import io.gipc.GipcWriter;
import io.gipc.netty.internal.transport.EventLoops;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Handles given to children (docs/api.md, Processes 2, 3, 4 and 8). */
@EnabledOnOs(OS.LINUX)
class GProcessHandleTest {

    static void echo(GipcDuplex<Object> h) throws Exception {
        Object m = h.get().get();
        h.put(new ArrayList<>(List.of("echo", m))).get();
    }

    static void kw(List<Object> args, Map<String, Object> kwargs) throws Exception {
        @SuppressWarnings("unchecked")
        GipcWriter<Object> out = (GipcWriter<Object>) kwargs.get("out");
        out.put("args=" + args + " greeting=" + kwargs.get("greeting")).get();
    }

    static void nested(List<Object> writers) throws Exception {
        @SuppressWarnings("unchecked")
        GipcWriter<Object> w = (GipcWriter<Object>) writers.get(1);
        w.put("nested " + writers.get(0)).get();
    }

    /** Reports what the child has open: its descriptors and their targets, and its gipc handles. */
    static void listDescriptors(GipcWriter<Object> out) throws Exception {
        Map<String, String> fds = descriptors("/proc/self/fd");
        out.put(new ArrayList<>(List.of(new HashMap<>(fds), Gipc.openHandles().size())))
                .get();
    }

    /**
     * A middle generation: opens a pipe of its own (descriptors its child must not get), reports its descriptors,
     * then passes the writer to a child that reports its own ({@link #listDescriptors}).
     */
    static void listDescriptorsThenPassDown(GipcWriter<Object> out) throws Exception {
        try (GipcPipe<Object> own = Gipc.pipe()) {
            out.put(new HashMap<>(descriptors("/proc/self/fd"))).get();
            GProcess child =
                    start(Gipc.process(GProcessHandleTest::listDescriptors).args(out));
            if (exit(child) != 0) {
                throw new IllegalStateException("the grandchild failed: " + child);
            }
        }
    }

    static Map<String, String> descriptors(String dir) throws IOException {
        Map<String, String> fds = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    String link = Files.readSymbolicLink(p).toString();
                    if (!link.startsWith("/proc/")) { // the listing's own directory descriptor
                        fds.put(p.getFileName().toString(), link);
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return fds;
    }

    /** Passes the writer one generation down, or writes when there is no generation left. */
    static void relay(GipcWriter<Object> w, Integer generationsLeft) throws Exception {
        if (generationsLeft == 0) {
            w.put("from the great-grandchild, pid " + ProcessHandle.current().pid())
                    .get();
            return;
        }
        GProcess child = start(Gipc.process(GProcessHandleTest::relay).args(w, generationsLeft - 1));
        if (exit(child) != 0) {
            throw new IllegalStateException("generation below failed: " + child);
        }
    }

    static void readNothing(GipcReader<Object> r) {}

    /** A record that holds a handle. */
    record Labelled(String label, GipcWriter<Object> out) {}

    static void putLabel(Labelled l) throws Exception {
        l.out().put("labelled " + l.label()).get();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String fromUtf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Begins to write 10 MiB, then says so, then waits until the 10 MiB are written (they never are: the reader
     * takes nothing while the parent has no get() pending). Its one event loop (see the test) writes in the order of the puts, so
     * the first bytes of the 10 MiB are in the socket before "writing" is.
     */
    static void sendBig(GipcWriter<Object> ready, GipcWriter<byte[]> big) throws Exception {
        GipcFuture<Void> sending = big.put(new byte[10 * 1024 * 1024]);
        ready.put("writing").get();
        sending.get();
    }

    @Test
    void aDuplexHandleGoesToTheChildAndTheParentsCopyIsClosed() throws Exception {
        try (GipcDuplexPipe<Object> p = Gipc.duplexPipe()) {
            GProcess c = start(Gipc.process(GProcessHandleTest::echo).args(p.second()));
            assertTrue(p.second().isClosed());
            assertFalse(Gipc.openHandles().contains(p.second()));
            p.first().put("ping").get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(List.of("echo", "ping"), p.first().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(0, exit(c));
        }
    }

    @Test
    void kwargsAndNestedHandlesAreTransferred() throws Exception {
        try (GipcPipe<Object> a = Gipc.pipe();
                GipcPipe<Object> b = Gipc.pipe()) {
            GProcess c1 = start(Gipc.process(GProcessHandleTest::kw)
                    .args(1, "two")
                    .kwargs(Map.of("out", a.writer(), "greeting", "hi")));
            assertEquals("args=[1, two] greeting=hi", a.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            GProcess c2 = start(
                    Gipc.process(GProcessHandleTest::nested).args(new ArrayList<>(List.of("in a list", b.writer()))));
            assertTrue(b.writer().isClosed());
            assertEquals("nested in a list", b.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(0, exit(c1));
            assertEquals(0, exit(c2));
        }
    }

    @Test
    void handlesInARecordAndCapturedByTheTargetAreTransferredWithTheirCodec() throws Exception {
        try (GipcPipe<Object> a = Gipc.pipe();
                GipcPipe<String> b = Gipc.pipe(GProcessHandleTest::utf8, GProcessHandleTest::fromUtf8)) {
            GProcess c1 = start(Gipc.process(GProcessHandleTest::putLabel).args(new Labelled("x", a.writer())));
            GipcWriter<String> captured = b.writer();
            GProcess c2 =
                    start(Gipc.process(() -> captured.put("captured, in UTF-8").get()));
            assertTrue(a.writer().isClosed());
            assertTrue(b.writer().isClosed());
            assertEquals("labelled x", a.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals("captured, in UTF-8", b.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(0, exit(c1));
            assertEquals(0, exit(c2));
        }
    }

    @Test
    void aHandleWhoseCodecCannotBeShippedIsRefusedAndKept() {
        Encoder<Object> anonymous = new Encoder<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public byte[] encode(Object value) {
                return utf8(String.valueOf(value));
            }
        };
        try (GipcPipe<Object> p = Gipc.pipe(anonymous, GProcessHandleTest::fromUtf8);
                GipcPipe<Object> q = Gipc.pipe()) {
            GipcException e = assertThrows(
                    GipcException.class, () -> Gipc.startProcess(GProcessHandleTest::readNothing, p.reader()));
            assertTrue(e.getMessage().contains("anonymous"), e.getMessage());
            assertFalse(p.reader().isClosed());

            GipcWriter<Object> other = q.writer();
            Encoder<Object> capturing = value -> utf8(value + " " + other);
            try (GipcPipe<Object> r = Gipc.pipe(capturing, GProcessHandleTest::fromUtf8)) {
                e = assertThrows(
                        GipcException.class, () -> Gipc.startProcess(GProcessHandleTest::readNothing, r.reader()));
                assertTrue(e.getMessage().contains("cannot hold handles"), e.getMessage());
                assertFalse(r.reader().isClosed());
                assertFalse(other.isClosed());
            }
        }
    }

    @Test
    void closedAndLockedHandlesAreRefusedBeforeAnythingStarts() throws Exception {
        try (GipcPipe<Object> p = Gipc.pipe();
                GipcPipe<Object> q = Gipc.pipe()) {
            p.writer().close();
            assertThrows(GipcClosedException.class, () -> Gipc.startProcess(GProcessHandleTest::relay, p.writer(), 0));

            GipcFuture<Object> pending = q.reader().get();
            assertThrows(
                    GipcLockedException.class, () -> Gipc.startProcess(GProcessHandleTest::readNothing, q.reader()));
            // Refused, not taken: the reader still works and still belongs to this JVM.
            assertFalse(q.reader().isClosed());
            assertTrue(Gipc.openHandles().contains(q.reader()));
            q.writer().put("still here").get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("still here", pending.get(TIMEOUT_S, TimeUnit.SECONDS));

            // A handle refused after another was reserved: the reserved one is given back too.
            GipcFuture<Object> pending2 = q.reader().get();
            assertThrows(
                    GipcLockedException.class,
                    () -> Gipc.process(GProcessHandleTest::kw)
                            .args(q.writer(), q.reader())
                            .start());
            assertFalse(q.writer().isClosed());
            q.writer().put("again").get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals("again", pending2.get(TIMEOUT_S, TimeUnit.SECONDS));
        }
        ProcessTest.assertNoChildStarted();
    }

    @Test
    void targetsThatCannotBeShippedAreRefusedInTheParent() {
        GipcException anonymous = assertThrows(
                GipcException.class,
                () -> Gipc.startProcess(new GipcTarget0() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public void run() {}
                }));
        assertTrue(anonymous.getMessage().contains("GProcessHandleTest$"), anonymous.getMessage());
        assertTrue(anonymous.getMessage().contains("anonymous"), anonymous.getMessage());

        Thread thread = new Thread(() -> {});
        GipcException capturing =
                assertThrows(GipcException.class, () -> Gipc.startProcess(() -> System.out.println(thread)));
        assertTrue(capturing.getMessage().contains("java.lang.Thread"), capturing.getMessage());
    }

    @Test
    void theChildHoldsExactlyStdioAndItsHandles() throws Exception {
        try (GipcPipe<Object> p = Gipc.pipe()) {
            Map<String, String> parent = descriptors("/proc/self/fd");
            GProcess c = start(Gipc.process(GProcessHandleTest::listDescriptors).args(p.writer()));
            @SuppressWarnings("unchecked")
            List<Object> report = (List<Object>) p.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(0, exit(c));
            @SuppressWarnings("unchecked")
            Map<String, String> child = (Map<String, String>) report.get(0);

            // Gipc.openHandles() lists the transferred writer only: the bootstrap pipe is not a handle.
            assertEquals(1, report.get(1));
            for (String fd : List.of("0", "1", "2")) {
                assertEquals(parent.get(fd), child.get(fd), "stdio " + fd + " is shared");
            }
            // fd 3 is the child's bootstrap pipe, fd 4 the writer: the same socket the parent held.
            assertTrue(child.get("3").startsWith("pipe:"), child.toString());
            assertTrue(parent.containsValue(child.get("4")), "fd 4 is the parent's writer: " + child);
            // Nothing else of the parent's: no other socket, pipe or file of the parent's is open in the child.
            assertHoldsNoneAbove4(Set.copyOf(parent.values()), child, "the child");
        }
    }

    /**
     * Fails if a descriptor above 4 of a process is one of {@code others} (their {@code /proc/PID/fd} links):
     * sockets, pipes and files are told apart by inode or path. Left out: what every JVM opens by itself (jars,
     * JDK files, {@code /dev/} devices), and {@code anon_inode} links (epoll, eventfd, timerfd), which read the
     * same for every instance.
     */
    static void assertHoldsNoneAbove4(Set<String> others, Map<String, String> fds, String who) {
        for (Map.Entry<String, String> e : fds.entrySet()) {
            int fd = Integer.parseInt(e.getKey());
            String link = e.getValue();
            boolean ownFile = link.endsWith(".jar")
                    || link.startsWith(System.getProperty("java.home"))
                    || link.startsWith("/dev/")
                    || link.startsWith("anon_inode:");
            if (fd > 4 && others.contains(link) && !ownFile) {
                throw new AssertionError(who + "'s fd " + fd + " (" + link + ") is not its own: " + fds);
            }
        }
    }

    @Test
    void aGrandchildHoldsNoDescriptorOfItsParentOrGrandparent() throws Exception {
        try (GipcPipe<Object> p = Gipc.pipe();
                GipcPipe<Object> kept = Gipc.pipe()) {
            // kept stays here: its two sockets are descriptors of this JVM that no descendant may hold
            Map<String, String> grandparent = descriptors("/proc/self/fd");
            GProcess c = start(Gipc.process(GProcessHandleTest::listDescriptorsThenPassDown)
                    .args(p.writer()));
            @SuppressWarnings("unchecked")
            Map<String, String> parent = (Map<String, String>) p.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS);
            @SuppressWarnings("unchecked")
            List<Object> report = (List<Object>) p.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(0, exit(c));
            @SuppressWarnings("unchecked")
            Map<String, String> grandchild = (Map<String, String>) report.get(0);

            assertEquals(1, report.get(1), "the grandchild holds one gipc handle: the writer");
            for (String fd : List.of("0", "1", "2")) {
                assertEquals(grandparent.get(fd), grandchild.get(fd), "stdio " + fd + " is shared");
            }
            // fd 3 is the grandchild's own bootstrap pipe; fd 4 the writer, the socket the grandparent held
            assertFalse(
                    grandparent.containsValue(grandchild.get("3")) || parent.containsValue(grandchild.get("3")),
                    grandchild.toString());
            assertEquals(parent.get("4"), grandchild.get("4"), "the writer went down");
            assertTrue(grandparent.containsValue(grandchild.get("4")), "the writer is the grandparent's");
            assertHoldsNoneAbove4(Set.copyOf(grandparent.values()), grandchild, "the grandchild");
            assertHoldsNoneAbove4(Set.copyOf(parent.values()), grandchild, "the grandchild");
        }
    }

    @Test
    void threeGenerationsPassAWriterDown() throws Exception {
        try (GipcPipe<Object> p = Gipc.pipe()) {
            GProcess c = start(Gipc.process(GProcessHandleTest::relay).args(p.writer(), 2));
            String m = (String) p.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertTrue(m.startsWith("from the great-grandchild"), m);
            assertEquals(0, exit(c));
        }
    }

    @Test
    void aReaderChildThatExitsEarlyGivesTheParentABrokenPipe() throws Exception {
        try (GipcPipe<Object> p = Gipc.pipe()) {
            GProcess c = start(Gipc.process(GProcessHandleTest::readNothing).args(p.reader()));
            assertEquals(0, exit(c));
            ExecutionException e = assertThrows(ExecutionException.class, () -> {
                for (int i = 0; i < 1000; i++) { // the first puts may land in the socket buffer
                    p.writer().put(new byte[64 * 1024]).get(TIMEOUT_S, TimeUnit.SECONDS);
                }
            });
            assertInstanceOf(GipcBrokenPipeException.class, e.getCause());
        }
    }

    @Test
    void aChildKilledWhileSendingTenMegabytesLeavesAnInterruptedMessage() throws Exception {
        try (GipcPipe<Object> ready = Gipc.pipe();
                GipcPipe<byte[]> big = Gipc.rawPipe()) {
            GProcess c = start(Gipc.process(GProcessHandleTest::sendBig)
                    .args(ready.writer(), big.writer())
                    .jvmOptions("-D" + EventLoops.THREADS_PROPERTY + "=1"));
            assertEquals("writing", ready.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            // killed while its put() is pending: part of the message is in the socket, the rest never comes
            c.kill();
            assertEquals(-9, exit(c));
            ExecutionException e = assertThrows(
                    ExecutionException.class, () -> big.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS));
            // the stream ended inside the message: interrupted, not a clean end of stream
            assertEquals(
                    GipcException.class, e.getCause().getClass(), e.getCause().toString());
            assertTrue(
                    e.getCause().getMessage().contains("message interrupted"),
                    e.getCause().getMessage());
        }
    }
}
