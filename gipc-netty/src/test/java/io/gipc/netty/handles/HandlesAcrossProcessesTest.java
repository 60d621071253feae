package io.gipc.netty.handles;

import static io.gipc.netty.handles.Fds.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.netty.process.Children;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Handles inside messages between processes: child to parent and parent to child, through several hops
 * (A to B to C), passed on to a grandchild by {@code startProcess}, delivered after the sender exited at once,
 * not inherited by an unrelated child, and refused whole when the receiver is at its descriptor limit.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(300)
class HandlesAcrossProcessesTest {

    /** A reader and a word about it. */
    record Offer(String note, GipcReader<String> reader) {}

    // ---- child to parent ----

    static void offerAReader(GipcWriter<Offer> carrier) throws Exception {
        GipcPipe<String> p = Gipc.pipe();
        await(carrier.put(new Offer("from the child", p.reader())));
        await(p.writer().put("hello from the child"));
        p.writer().close();
        carrier.close();
    }

    @Test
    void childToParent() throws Exception {
        try (GipcPipe<Offer> carrier = Gipc.pipe()) {
            GProcess child = Children.start(
                    Gipc.process(HandlesAcrossProcessesTest::offerAReader).args(carrier.writer()));
            Offer offer = await(carrier.reader().get());
            assertEquals("from the child", offer.note());
            assertEquals("hello from the child", await(offer.reader().get()));
            assertEquals(0, Children.exit(child));
            ExecutionException eof = assertThrows(
                    ExecutionException.class, () -> await(offer.reader().get()));
            assertInstanceOf(GipcEofException.class, eof.getCause());
            offer.reader().close();
        }
    }

    // ---- parent to child ----

    @SuppressWarnings("unchecked")
    static void replyOnTheReceivedWriter(GipcReader<Object> carrier) throws Exception {
        List<Object> got = (List<Object>) await(carrier.get());
        GipcWriter<String> reply = (GipcWriter<String>) got.get(1);
        await(reply.put("reply to " + got.get(0)));
        reply.close();
        carrier.close();
    }

    @Test
    void parentToChild() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<String> reply = Gipc.pipe()) {
            GProcess child = Children.start(Gipc.process(HandlesAcrossProcessesTest::replyOnTheReceivedWriter)
                    .args(carrier.reader()));
            await(carrier.writer().put(new ArrayList<>(List.of("the parent", reply.writer()))));
            assertTrue(reply.writer().isClosed());
            assertEquals("reply to the parent", await(reply.reader().get()));
            assertEquals(0, Children.exit(child));
        }
    }

    // ---- A to B to C ----

    static void forward(GipcReader<Object> in, GipcWriter<Object> out) throws Exception {
        Object message = await(in.get());
        await(out.put(message)); // the handles in it go on again
        in.close();
        out.close();
    }

    @Test
    void throughSeveralHops() throws Exception {
        try (GipcPipe<Object> toB = Gipc.pipe();
                GipcPipe<Object> toC = Gipc.pipe();
                GipcPipe<String> reply = Gipc.pipe()) {
            GProcess b = Children.start(
                    Gipc.process(HandlesAcrossProcessesTest::forward).args(toB.reader(), toC.writer()));
            GProcess c = Children.start(Gipc.process(HandlesAcrossProcessesTest::replyOnTheReceivedWriter)
                    .args(toC.reader()));
            await(toB.writer().put(new ArrayList<>(List.of("A through B", reply.writer()))));
            assertEquals("reply to A through B", await(reply.reader().get()));
            assertEquals(0, Children.exit(b));
            assertEquals(0, Children.exit(c));
        }
    }

    // ---- a received handle given to startProcess ----

    static void putFromGrandchild(GipcWriter<String> w) throws Exception {
        await(w.put("from the grandchild"));
        w.close();
    }

    @SuppressWarnings("unchecked")
    static void startGrandchildWithTheReceivedWriter(GipcReader<Object> carrier) throws Exception {
        GipcWriter<String> w = (GipcWriter<String>) ((List<Object>) await(carrier.get())).get(0);
        GProcess grandchild = Gipc.startProcess(HandlesAcrossProcessesTest::putFromGrandchild, w);
        assertEquals(0, Children.exit(grandchild));
        carrier.close();
    }

    @Test
    void aReceivedHandleGoesToStartProcess() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<String> reply = Gipc.pipe()) {
            GProcess child =
                    Children.start(Gipc.process(HandlesAcrossProcessesTest::startGrandchildWithTheReceivedWriter)
                            .args(carrier.reader()));
            await(carrier.writer().put(new ArrayList<>(List.of(reply.writer()))));
            assertEquals("from the grandchild", await(reply.reader().get()));
            assertEquals(0, Children.exit(child));
        }
    }

    // ---- the sender exits at once ----

    static void sendAndExit(GipcWriter<Offer> carrier) {
        GipcPipe<String> p = Gipc.pipe();
        p.writer().put("inside");
        carrier.put(new Offer("sent, then gone", p.reader()));
        // The launcher waits for pending puts and exits: the parent reads after the socket hung up.
    }

    @Test
    void aMessageFromASenderThatExitedAtOnceIsDeliveredLive() throws Exception {
        try (GipcPipe<Offer> carrier = Gipc.pipe()) {
            GProcess child = Children.start(
                    Gipc.process(HandlesAcrossProcessesTest::sendAndExit).args(carrier.writer()));
            assertEquals(0, Children.exit(child));
            Offer offer = await(carrier.reader().get());
            assertEquals("sent, then gone", offer.note());
            assertEquals("inside", await(offer.reader().get()));
            offer.reader().close();
        }
    }

    // ---- not inherited by an unrelated child ----

    static void reportSockets(GipcWriter<Object> out) throws Exception {
        await(out.put(new ArrayList<>(Fds.sockets())));
        await(out.put(Gipc.openHandles().size()));
        out.close();
    }

    @Test
    void aReceivedHandleIsNotInheritedByAnUnrelatedChild() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<String> inner = Gipc.pipe();
                GipcPipe<Object> report = Gipc.pipe()) {
            await(carrier.writer().put(new ArrayList<>(List.of(inner.reader()))));
            GipcHandle received = (GipcHandle) ((List<?>) await(carrier.reader().get())).get(0);
            String socket = Fds.target(Fds.fdOf(received));
            GProcess child = Children.start(
                    Gipc.process(HandlesAcrossProcessesTest::reportSockets).args(report.writer()));
            @SuppressWarnings("unchecked")
            List<String> childSockets = (List<String>) await(report.reader().get());
            assertEquals(1, await(report.reader().get()), "the child has the one handle it was given");
            assertFalse(childSockets.contains(socket), socket + " reached an unrelated child: " + childSockets);
            assertEquals(0, Children.exit(child));
            received.close();
        }
    }

    // ---- the receiver's descriptor limit ----

    /** setrlimit(2), getrlimit(2). */
    interface Limits extends Library {
        int getrlimit(int resource, long[] rlim);

        int setrlimit(int resource, long[] rlim);
    }

    /** RLIMIT_NOFILE on Linux. */
    private static final int RLIMIT_NOFILE = 7;

    static void receiveAtTheDescriptorLimit(GipcReader<Object> carrier, GipcWriter<String> report) throws Exception {
        // Load what sending and receiving handles needs while class files can still be opened.
        try (GipcPipe<Object> warmUp = Gipc.pipe();
                GipcPipe<String> inner = Gipc.pipe()) {
            await(warmUp.writer().put(new ArrayList<>(List.of(inner.reader()))));
            ((GipcHandle) ((List<?>) await(warmUp.reader().get())).get(0)).close();
            new GipcException("warm-up").toString();
        }
        Limits limits = Native.load("c", Limits.class);
        long[] limit = new long[2];
        limits.getrlimit(RLIMIT_NOFILE, limit);
        limit[0] = Fds.count() + 10;
        if (limits.setrlimit(RLIMIT_NOFILE, limit) != 0) {
            throw new AssertionError("setrlimit failed: errno " + Native.getLastError());
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(carrier.get()));
        await(report.put(e.getCause().getClass().getName() + ": " + e.getCause().getMessage()));
        await(report.put(String.valueOf(await(carrier.get()))));
        carrier.close();
        report.close();
    }

    @Test
    void aMessageBeyondTheReceiversDescriptorLimitFailsThatGetOnly() throws Exception {
        int n = 60;
        List<GipcPipe<String>> pipes = new ArrayList<>();
        ArrayList<GipcWriter<String>> writers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pipes.add(Gipc.pipe());
            writers.add(pipes.get(i).writer());
        }
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<String> report = Gipc.pipe()) {
            GProcess child = Children.start(Gipc.process(HandlesAcrossProcessesTest::receiveAtTheDescriptorLimit)
                    .args(carrier.reader(), report.writer()));
            await(carrier.writer().put(writers));
            await(carrier.writer().put("the next message"));
            String failure = await(report.reader().get());
            assertTrue(failure.startsWith(GipcException.class.getName() + ": "), failure);
            assertTrue(failure.contains("descriptor limit"), failure);
            assertTrue(failure.contains("carried " + n + " handle(s)"), failure);
            assertEquals("the next message", await(report.reader().get()));
            assertEquals(0, Children.exit(child));
            // Every writer's copy went to the child and was closed there: the readers see the end of the stream.
            for (GipcPipe<String> p : pipes) {
                assertInstanceOf(
                        GipcEofException.class,
                        assertThrows(
                                        ExecutionException.class,
                                        () -> await(p.reader().get()))
                                .getCause());
                p.reader().close();
            }
        }
    }
}
