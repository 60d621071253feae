package io.gipc.netty.handles;

import static io.gipc.netty.handles.Fds.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcCodecException;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcLockedException;
import io.gipc.GipcPipe;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.netty.internal.codec.DefaultCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Handles inside messages, within one JVM: a value put through the default codec may hold handles anywhere; the
 * get that returns it returns them live, of the same kind, with their own codec and limit; the sender's copies
 * are closed when the put completes; refused handles fail the put before anything is written; nothing leaks.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class HandlesInMessagesTest {

    /** A record holding a reader. */
    record Job(String name, GipcReader<String> input) {}

    @Test
    void aReaderInsideARecordArrivesLive() throws Exception {
        try (GipcPipe<Job> carrier = Gipc.pipe();
                GipcPipe<String> inner = Gipc.pipe()) {
            int sentFd = Fds.fdOf(inner.reader());
            String socket = Fds.target(sentFd);
            await(carrier.writer().put(new Job("one", inner.reader())));
            // The sender's copy is closed when the put completes: the handle says so and its descriptor is gone.
            assertTrue(inner.reader().isClosed());
            assertFalse(Gipc.openHandles().contains(inner.reader()));
            assertNotEquals(socket, Fds.target(sentFd), "fd " + sentFd + " still open after the put completed");

            Job job = await(carrier.reader().get());
            assertEquals("one", job.name());
            GipcReader<String> received = job.input();
            assertNotSame(inner.reader(), received);
            assertFalse(received.isClosed());
            assertTrue(Gipc.openHandles().contains(received));
            assertEquals(socket, Fds.target(Fds.fdOf(received)), "the same socket, on a descriptor of its own");
            await(inner.writer().put("through the received reader"));
            assertEquals("through the received reader", await(received.get()));
            received.close();
        }
    }

    @Test
    void aWriterInsideAListAndADuplexEndInAMap() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<Integer> inner = Gipc.pipe();
                GipcDuplexPipe<String> duplex = Gipc.duplexPipe()) {
            List<Object> list = new ArrayList<>(List.of("w", inner.writer()));
            Map<String, Object> map = new HashMap<>(Map.of("end", duplex.second(), "n", 7));
            await(carrier.writer().put(list));
            await(carrier.writer().put(map));

            @SuppressWarnings("unchecked")
            List<Object> gotList = (List<Object>) await(carrier.reader().get());
            @SuppressWarnings("unchecked")
            GipcWriter<Integer> writer = (GipcWriter<Integer>) gotList.get(1);
            await(writer.put(42));
            assertEquals(42, await(inner.reader().get()));

            @SuppressWarnings("unchecked")
            Map<String, Object> gotMap =
                    (Map<String, Object>) await(carrier.reader().get());
            assertEquals(7, gotMap.get("n"));
            @SuppressWarnings("unchecked")
            GipcDuplex<String> end = (GipcDuplex<String>) gotMap.get("end");
            await(end.put("to first"));
            assertEquals("to first", await(duplex.first().get()));
            await(duplex.first().put("to second"));
            assertEquals("to second", await(end.get()));
            writer.close();
            end.close();
        }
    }

    @Test
    void aHandleKeepsItsCodecAndLimit() throws Exception {
        GipcPipeOptions small = GipcPipeOptions.defaults().withMaxMessageLength(16);
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<byte[]> raw = Gipc.rawPipe(small)) {
            await(carrier.writer().put(new ArrayList<>(List.of(raw.reader()))));
            @SuppressWarnings("unchecked")
            GipcReader<byte[]> reader =
                    (GipcReader<byte[]>) ((List<Object>) await(carrier.reader().get())).get(0);
            await(raw.writer().put(new byte[] {1, 2, 3}));
            assertEquals(3, await(reader.get()).length, "raw: the payload as it is");
            await(raw.writer().put(new byte[17]));
            Throwable tooLong = failure(reader.get());
            assertTrue(tooLong.getMessage().contains("over the reader's limit of 16 bytes"), tooLong.getMessage());
            reader.close();
        }
    }

    @Test
    void twentyAndThreeHundredHandlesInOneMessage() throws Exception {
        for (int n : new int[] {20, 300}) {
            List<GipcPipe<Integer>> pipes = new ArrayList<>();
            ArrayList<GipcWriter<Integer>> writers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pipes.add(Gipc.pipe());
                writers.add(pipes.get(i).writer());
            }
            try (GipcPipe<ArrayList<GipcWriter<Integer>>> carrier = Gipc.pipe()) {
                await(carrier.writer().put(writers));
                writers.forEach(w -> assertTrue(w.isClosed()));
                ArrayList<GipcWriter<Integer>> got = await(carrier.reader().get());
                assertEquals(n, got.size());
                for (int i = 0; i < n; i++) {
                    await(got.get(i).put(i));
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(i, await(pipes.get(i).reader().get()), "pipe " + i + " of " + n);
                    got.get(i).close();
                    pipes.get(i).reader().close();
                }
            }
        }
    }

    @Test
    void refusedHandlesFailThePutBeforeAnythingIsWritten() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<String> locked = Gipc.pipe()) {
            GipcPipe<String> closed = Gipc.pipe();
            closed.close();
            Throwable e = failure(carrier.writer().put(new ArrayList<>(List.of(closed.reader()))));
            assertInstanceOf(GipcClosedException.class, e);
            assertTrue(e.getMessage().contains(Fds.fdOf(closed.reader()) + ")"), e.getMessage());

            GipcFuture<String> pending = locked.reader().get();
            e = failure(carrier.writer().put(new ArrayList<>(List.of("x", locked.reader()))));
            assertInstanceOf(GipcLockedException.class, e);
            assertTrue(e.getMessage().contains("1 get()/put() pending"), e.getMessage());

            e = failure(carrier.writer().put(new ArrayList<>(List.of(carrier.writer()))));
            assertEquals(GipcException.class, e.getClass());
            assertTrue(e.getMessage().contains("inside a message put on itself"), e.getMessage());

            // A refusal after another handle was reserved gives that one back.
            e = failure(carrier.writer().put(new ArrayList<>(List.of(locked.writer(), locked.reader()))));
            assertInstanceOf(GipcLockedException.class, e);
            assertFalse(locked.writer().isClosed());

            // Nothing of the refused messages was written: the reader gets the next one.
            await(carrier.writer().put("next"));
            assertEquals("next", await(carrier.reader().get()));
            await(locked.writer().put("still usable"));
            assertEquals("still usable", await(pending));
        }
    }

    @Test
    void aRawPipeOrACustomEncoderCarriesNoHandle() throws Exception {
        try (GipcPipe<byte[]> raw = Gipc.rawPipe();
                GipcPipe<String> inner = Gipc.pipe();
                GipcPipe<Object> custom = Gipc.pipe(DefaultCodec::encode, DefaultCodec::decode)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            GipcWriter<Object> untyped = (GipcWriter) raw.writer();
            assertInstanceOf(GipcCodecException.class, failure(untyped.put(inner.reader())));
            Throwable e = failure(custom.writer().put(new ArrayList<>(List.of(inner.reader()))));
            assertInstanceOf(GipcCodecException.class, e);
            assertTrue(
                    e.getMessage().contains("a handle cannot travel inside a message of this codec"), e.getMessage());
            assertFalse(inner.reader().isClosed());
        }
    }

    @Test
    void aReaderWithACustomDecoderFailsThatGetAndReadsTheNext() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe(DefaultCodec.ENCODER, DefaultCodec::decode);
                GipcPipe<String> inner = Gipc.pipe()) {
            int before = Fds.count();
            await(carrier.writer().put(new ArrayList<>(List.of(inner.reader()))));
            await(carrier.writer().put("after"));
            Throwable e = failure(carrier.reader().get());
            assertInstanceOf(GipcCodecException.class, e);
            assertTrue(e.getMessage().contains("only the default codec receives handles"), e.getMessage());
            assertEquals("after", await(carrier.reader().get()));
            assertTrue(Fds.settleTo(before - 1) <= before - 1, "the received descriptor was closed");
        }
    }

    @Test
    void handlesInterleavedWithPlainMessagesWithSeveralGetsPending() throws Exception {
        int n = 60;
        try (GipcPipe<Object> carrier = Gipc.pipe()) {
            List<GipcFuture<Object>> gets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                gets.add(carrier.reader().get());
            }
            List<GipcPipe<Integer>> inner = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % 3 == 0) {
                    GipcPipe<Integer> p = Gipc.pipe();
                    inner.add(p);
                    carrier.writer().put(new ArrayList<>(List.of(i, p.writer())));
                } else {
                    carrier.writer().put(i);
                }
            }
            int k = 0;
            for (int i = 0; i < n; i++) {
                Object got = await(gets.get(i));
                if (i % 3 == 0) {
                    List<?> l = (List<?>) got;
                    assertEquals(i, l.get(0));
                    @SuppressWarnings("unchecked")
                    GipcWriter<Integer> w = (GipcWriter<Integer>) l.get(1);
                    await(w.put(i));
                    assertEquals(i, await(inner.get(k).reader().get()));
                    w.close();
                    inner.get(k++).reader().close();
                } else {
                    assertEquals(i, got);
                }
            }
        }
    }

    @Test
    void aMessageNeverReadLeaksNoDescriptor() throws Exception {
        int before = Fds.count();
        GipcPipe<Object> carrier = Gipc.pipe();
        GipcPipe<String> inner = Gipc.pipe();
        await(carrier.writer().put(new ArrayList<>(List.of(inner.reader(), inner.writer()))));
        carrier.reader().close();
        carrier.writer().close();
        assertEquals(before, Fds.settleTo(before), "descriptors after the unread message's reader closed");
    }

    @Test
    void aMessageDrainedAfterTheWriterHungUpIsDeliveredOrClosed() throws Exception {
        int before = Fds.count();
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<String> inner = Gipc.pipe();
                GipcPipe<Object> other = Gipc.pipe()) {
            await(inner.writer().put("inside"));
            await(carrier.writer().put(new ArrayList<>(List.of(inner.reader()))));
            await(carrier.writer().put(new ArrayList<>(List.of(inner.writer()))));
            carrier.writer().close(); // the reader drains the socket: the sections come in with recvmsg
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!carrier.reader().toString().contains("holding 2 received descriptors")
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(
                    carrier.reader().toString().contains("holding 2 received descriptors"),
                    carrier.reader().toString());
            // Such a reader cannot be handed on: its descriptors cannot follow it as bytes.
            Throwable e = failure(other.writer().put(new ArrayList<>(List.of(carrier.reader()))));
            assertEquals(GipcException.class, e.getClass());
            assertTrue(e.getMessage().contains("has not delivered"), e.getMessage());

            @SuppressWarnings("unchecked")
            GipcReader<String> r =
                    (GipcReader<String>) ((List<?>) await(carrier.reader().get())).get(0);
            assertEquals("inside", await(r.get()));
            r.close();
            // The second message is never read: its descriptor closes with the reader.
        }
        assertEquals(before, Fds.settleTo(before), "descriptors after the readers closed");
    }

    @Test
    void aReceivedHandleIsPassedOnAgain() throws Exception {
        try (GipcPipe<Object> first = Gipc.pipe();
                GipcPipe<Object> second = Gipc.pipe();
                GipcPipe<String> inner = Gipc.pipe()) {
            await(first.writer().put(new ArrayList<>(List.of(inner.writer()))));
            GipcHandle hop1 = (GipcHandle) ((List<?>) await(first.reader().get())).get(0);
            await(second.writer().put(new ArrayList<>(List.of(hop1))));
            assertTrue(hop1.isClosed());
            @SuppressWarnings("unchecked")
            GipcWriter<String> hop2 =
                    (GipcWriter<String>) ((List<?>) await(second.reader().get())).get(0);
            await(hop2.put("two hops"));
            assertEquals("two hops", await(inner.reader().get()));
            hop2.close();
        }
    }

    @Test
    void anAllowListNamingGipcsTransportAndCodecPackagesLetsHandlesThrough() throws Exception {
        // docs/security.md: a handle's description names only io.gipc.netty.internal.transport.* and its codec.
        GipcPipeOptions options = GipcPipeOptions.defaults()
                .withDecodingFilter("io.gipc.netty.internal.transport.*;io.gipc.netty.internal.codec.*;java.util.*;!*");
        try (GipcPipe<Object> carrier = Gipc.pipe(options);
                GipcPipe<String> inner = Gipc.pipe()) {
            await(carrier.writer().put(new ArrayList<>(List.of(inner.reader(), inner.writer()))));
            List<?> received = (List<?>) await(carrier.reader().get());
            @SuppressWarnings("unchecked")
            GipcWriter<String> writer = (GipcWriter<String>) received.get(1);
            @SuppressWarnings("unchecked")
            GipcReader<String> reader = (GipcReader<String>) received.get(0);
            await(writer.put("allowed"));
            assertEquals("allowed", await(reader.get()));
            reader.close();
            writer.close();
        }
    }

    @Test
    void aHandleReservedByAPendingPutSaysWhereItGoes() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<String> inner = Gipc.pipe()) {
            GipcFuture<Void> big = carrier.writer().put(new byte[8 << 20]); // fills the socket: the next put waits
            GipcFuture<Void> withHandle = carrier.writer().put(new ArrayList<>(List.of(inner.reader())));
            String description = inner.reader().toString();
            assertTrue(
                    description.contains("being transferred to a message on " + nameOf(carrier.writer())), description);
            GipcLockedException e =
                    assertThrows(GipcLockedException.class, () -> inner.reader().get());
            assertTrue(e.getMessage().contains("is being transferred to a message on"), e.getMessage());
            assertFalse(withHandle.isDone());
            assertEquals(8 << 20, ((byte[]) await(carrier.reader().get())).length);
            await(big);
            await(withHandle);
            assertTrue(inner.reader().isClosed());
            ((GipcHandle) ((List<?>) await(carrier.reader().get())).get(0)).close();
        }
    }

    @Test
    void aReservedReaderWhosePeerHangsUpLeavesEverythingInTheSocketForTheReceiver() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<Object> inner = Gipc.pipe();
                GipcPipe<String> third = Gipc.pipe()) {
            await(inner.writer().put("a"));
            GipcFuture<Void> big = carrier.writer().put(new byte[8 << 20]); // the next put waits: its reader reserved
            GipcFuture<Void> withReader = carrier.writer().put(new ArrayList<>(List.of(inner.reader())));
            await(inner.writer().put("b"));
            await(inner.writer().put(new ArrayList<>(List.of(third.writer()))));
            inner.writer().close(); // the reserved reader's peer hangs up: Netty would drain the socket now
            Thread.sleep(200);
            assertFalse(withReader.isDone());
            assertEquals(8 << 20, ((byte[]) await(carrier.reader().get())).length);
            await(big);
            await(withReader);
            @SuppressWarnings("unchecked")
            GipcReader<Object> received =
                    (GipcReader<Object>) ((List<?>) await(carrier.reader().get())).get(0);
            assertEquals("a", await(received.get()));
            assertEquals("b", await(received.get()));
            @SuppressWarnings("unchecked")
            GipcWriter<String> w = (GipcWriter<String>) ((List<?>) await(received.get())).get(0);
            await(w.put("through the third pipe"));
            assertEquals("through the third pipe", await(third.reader().get()));
            assertInstanceOf(io.gipc.GipcEofException.class, failure(received.get()));
            w.close();
            received.close();
        }
    }

    private static String nameOf(GipcHandle h) {
        String s = h.toString();
        return s.substring(0, s.indexOf(')') + 1);
    }

    private static Throwable failure(GipcFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(f));
        return e.getCause();
    }
}
