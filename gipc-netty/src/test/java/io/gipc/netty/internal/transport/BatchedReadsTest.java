package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.ScmRights;
import io.gipc.netty.internal.posix.SocketPair;
import io.gipc.spi.HandleKind;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A reader takes many frames with one system call ({@link DirectReads}) and serves the next gets from them: frames
 * split across the end of a read, a corrupt header inside a batch, a batch that meets a message carrying handles,
 * and the bytes kept when the loop takes over or the reader goes elsewhere. Every wait is bounded against hangs
 * only.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class BatchedReadsTest {
    private static final long HANG_SECONDS = 30;

    private GipcReader<byte[]> reader;
    private int peer = -1;

    /** A raw reader on one end of a socketpair, the other end written byte for byte by the test. */
    @SuppressWarnings("unchecked")
    private void openRaw(int limit) {
        int[] fds = SocketPair.open();
        reader = (GipcReader<byte[]>)
                HandleTransfer.adopt(fds[0], HandleDescriptor.of(HandleKind.READER, null, null, limit));
        peer = fds[1];
    }

    @AfterEach
    void closeAll() {
        if (peer >= 0) {
            LibC.get().close(peer);
            peer = -1;
        }
        if (reader != null && !reader.isClosed()) {
            reader.close();
        }
    }

    private void send(byte[] bytes) {
        assertEquals(bytes.length, LibC.get().write(peer, bytes, bytes.length), SocketPair.lastError());
    }

    private static DirectReads directReads(GipcReader<?> r) {
        return ((AbstractHandle<?>) r).inbound().directReads();
    }

    /** The frames of these payloads, back to back as on the wire. */
    private static byte[] frames(byte[]... payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            out.writeBytes(header(p.length));
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] header(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    /** A payload of {@code size} bytes that depend on {@code n}. */
    private static byte[] payload(int n, int size) {
        byte[] p = new byte[size];
        for (int i = 0; i < size; i++) {
            p[i] = (byte) (n * 31 + i * 7);
        }
        return p;
    }

    /** A get made now, which must be answered at once, on this thread, from what was read. */
    private byte[] directGet() throws Exception {
        GipcFuture<byte[]> get = reader.get();
        assertTrue(get.isDone(), "a message already read is delivered on the caller's thread");
        return get.get();
    }

    @Test
    void manyFramesFromOneSystemCallAnswerTheNextGetsWithoutAnother() throws Exception {
        openRaw(Integer.MAX_VALUE - 8);
        byte[][] payloads = new byte[200][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = payload(i, i % 21);
        }
        send(frames(payloads)); // 200 frames, about 2,800 bytes: one read takes them all
        for (int i = 0; i < payloads.length; i++) {
            assertArrayEquals(payloads[i], directGet(), "message " + i);
        }
        assertEquals(1, directReads(reader).systemCalls(), "one system call read the 200 messages");
    }

    @Test
    void framesSplitAcrossTheEndOfAReadAreCompletedByTheNext() throws Exception {
        openRaw(Integer.MAX_VALUE - 8);
        byte[] a = payload(1, 4000);
        byte[] b = payload(2, 4000);
        byte[] c = payload(3, 1000); // its frame starts at 8,008: the first read of 8,192 bytes ends inside it
        byte[] d = payload(4, 20_000); // larger than a read: its own buffer, its start taken from the kept bytes
        byte[] e = payload(5, 3);
        send(frames(a, b, c, d, e));
        assertArrayEquals(a, directGet());
        assertArrayEquals(b, directGet());
        assertEquals(1, directReads(reader).systemCalls());
        assertArrayEquals(c, directGet());
        assertEquals(2, directReads(reader).systemCalls(), "the rest of the split frame came with the next read");
        assertArrayEquals(d, directGet());
        assertArrayEquals(e, directGet());
    }

    @Test
    void aCorruptHeaderInsideABatchFailsTheGetThatMeetsItAfterTheMessagesBeforeIt() throws Exception {
        openRaw(100);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(frames(payload(1, 5), payload(2, 6)));
        wire.writeBytes(header(1000));
        wire.writeBytes(frames(payload(3, 1)));
        send(wire.toByteArray());
        assertArrayEquals(payload(1, 5), directGet());
        assertArrayEquals(payload(2, 6), directGet());
        ExecutionException failed =
                assertThrows(ExecutionException.class, () -> reader.get().get(HANG_SECONDS, TimeUnit.SECONDS));
        assertEquals(GipcException.class, failed.getCause().getClass());
        String message = failed.getCause().getMessage();
        assertTrue(message.contains("1000") && message.contains("100 bytes"), message);
        assertEquals(1, directReads(reader).systemCalls(), "no allocation or read for the corrupt length");
    }

    @Test
    void aBatchStopsAtTheMarkOfAMessageWithHandlesWhoseDescriptorThenArrives() throws Exception {
        openRaw(Integer.MAX_VALUE - 8);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(frames(payload(1, 3)));
        wire.writeBytes(header(FrameAssembler.HANDLES_MARK | 1));
        send(wire.toByteArray());
        assertArrayEquals(payload(1, 3), directGet());
        GipcFuture<byte[]> withHandle = reader.get(); // its header is read: the loop finishes the message

        int[] carried = SocketPair.open();
        try {
            assertEquals(1, ScmRights.send(peer, new byte[1], new int[] {carried[0]}));
        } finally {
            LibC.get().close(carried[0]);
            LibC.get().close(carried[1]);
        }
        send(frames(payload(2, 2), payload(3, 4)));
        ExecutionException failed =
                assertThrows(ExecutionException.class, () -> withHandle.get(HANG_SECONDS, TimeUnit.SECONDS));
        // The descriptor arrived: a raw reader refuses it (and closes it), rather than report it missing.
        assertInstanceOf(GipcCodecException.class, failed.getCause());
        assertTrue(
                failed.getCause().getMessage().contains("carries 1 handle(s)"),
                failed.getCause().getMessage());
        assertArrayEquals(payload(3, 4), reader.get().get(HANG_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aBatchThatTakesTheDescriptorsOfAMessageGivesThemToItIntact() throws Exception {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<String> inner = Gipc.pipe()) {
            carrier.writer().put("a").get(HANG_SECONDS, TimeUnit.SECONDS);
            carrier.writer().put("b").get(HANG_SECONDS, TimeUnit.SECONDS);
            carrier.writer().put(inner.reader()).get(HANG_SECONDS, TimeUnit.SECONDS);
            carrier.writer().put("c").get(HANG_SECONDS, TimeUnit.SECONDS);
            // All of it is in the socket: the first get's read takes "a", "b", the marked header and the
            // descriptor's byte with the descriptor, and the loop sorts them out.
            assertEquals("a", carrier.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
            assertEquals("b", carrier.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
            @SuppressWarnings("unchecked")
            GipcReader<String> received =
                    (GipcReader<String>) carrier.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS);
            assertEquals("c", carrier.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
            try {
                inner.writer().put("through it").get(HANG_SECONDS, TimeUnit.SECONDS);
                assertEquals("through it", received.get().get(HANG_SECONDS, TimeUnit.SECONDS));
            } finally {
                received.close();
            }
        }
    }

    @Test
    void theLoopWithManyGetsPendingReadsManyFramesPerSystemCall() throws Exception {
        openRaw(Integer.MAX_VALUE - 8);
        List<GipcFuture<byte[]>> gets = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            gets.add(reader.get());
        }
        byte[][] payloads = new byte[64][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = payload(i, 1 + i % 5);
        }
        send(frames(payloads));
        for (int i = 0; i < payloads.length; i++) {
            assertArrayEquals(payloads[i], gets.get(i).get(HANG_SECONDS, TimeUnit.SECONDS), "message " + i);
        }
        long batches = directReads(reader).systemCalls();
        assertTrue(batches >= 1 && batches < 10, batches + " batch reads for 64 frames");
    }

    @Test
    void framesKeptForDirectGetsComeFirstWhenTheLoopTakesOver() throws Exception {
        openRaw(Integer.MAX_VALUE - 8);
        send(frames(payload(1, 1), payload(2, 2), payload(3, 3), payload(4, 4)));
        assertArrayEquals(payload(1, 1), directGet()); // the other three are kept
        EventLoop loop = ((AbstractHandle<?>) reader).channel().eventLoop();
        List<GipcFuture<byte[]>> onLoop = new ArrayList<>();
        loop.submit(() -> {
                    onLoop.add(reader.get()); // a get made on the loop: the loop serves it
                    onLoop.add(reader.get());
                })
                .get(HANG_SECONDS, TimeUnit.SECONDS);
        assertArrayEquals(payload(2, 2), onLoop.get(0).get(HANG_SECONDS, TimeUnit.SECONDS));
        assertArrayEquals(payload(3, 3), onLoop.get(1).get(HANG_SECONDS, TimeUnit.SECONDS));
        send(frames(payload(5, 5)));
        assertArrayEquals(payload(4, 4), reader.get().get(HANG_SECONDS, TimeUnit.SECONDS));
        assertArrayEquals(payload(5, 5), reader.get().get(HANG_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aReaderSentInAMessageTakesTheFramesItKeptAlong() throws Exception {
        try (GipcPipe<byte[]> data = Gipc.rawPipe();
                GipcPipe<Object> carrier = Gipc.pipe()) {
            for (int i = 1; i <= 3; i++) {
                data.writer().put(payload(i, i)).get(HANG_SECONDS, TimeUnit.SECONDS);
            }
            GipcFuture<byte[]> first = data.reader().get();
            assertTrue(first.isDone());
            assertArrayEquals(payload(1, 1), first.get());
            assertTrue(directReads(data.reader()).holdsBytes(), "the next two frames are kept");

            carrier.writer().put(data.reader()).get(HANG_SECONDS, TimeUnit.SECONDS);
            @SuppressWarnings("unchecked")
            GipcReader<byte[]> moved =
                    (GipcReader<byte[]>) carrier.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS);
            try {
                data.writer().put(payload(4, 4)).get(HANG_SECONDS, TimeUnit.SECONDS);
                for (int i = 2; i <= 4; i++) {
                    assertArrayEquals(payload(i, i), moved.get().get(HANG_SECONDS, TimeUnit.SECONDS), "message " + i);
                }
            } finally {
                moved.close();
            }
        }
    }

    @Test
    void aReaderClosedWithFramesKeptLeavesNothingBehind() throws Exception {
        openRaw(Integer.MAX_VALUE - 8);
        send(frames(payload(1, 1), payload(2, 2)));
        assertArrayEquals(payload(1, 1), directGet());
        assertTrue(directReads(reader).holdsBytes());
        reader.close();
        assertTrue(reader.isClosed());
        assertThrows(GipcClosedException.class, () -> reader.get(), "what was kept is not delivered after close");
    }

    @Test
    void aLongMixedStreamUnderConcurrencyLosesAndReordersNothing() throws Exception {
        int count = 2000;
        List<GipcWriter<String>> innerWriters = java.util.Collections.synchronizedList(new ArrayList<>());
        try (GipcPipe<Object> carrier = Gipc.pipe()) {
            Thread producer = new Thread(() -> {
                List<GipcFuture<Void>> puts = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (i % 25 == 7) {
                        GipcPipe<String> inner = Gipc.pipe();
                        innerWriters.add(inner.writer());
                        puts.add(carrier.writer().put(new ArrayList<>(List.of(i, inner.reader()))));
                    } else {
                        puts.add(carrier.writer().put(i));
                    }
                    if (puts.size() == 32) {
                        puts.forEach(GipcFuture::join);
                        puts.clear();
                    }
                }
                puts.forEach(GipcFuture::join);
            });
            producer.start();
            int next = 0;
            int handles = 0;
            while (next < count) {
                // Alternately one get at a time (direct reads) and a few at once (the loop's reads).
                int window = next % 3 == 0 ? 4 : 1;
                List<GipcFuture<Object>> gets = new ArrayList<>();
                for (int w = 0; w < window && next + w < count; w++) {
                    gets.add(carrier.reader().get());
                }
                for (GipcFuture<Object> get : gets) {
                    Object m = get.get(HANG_SECONDS, TimeUnit.SECONDS);
                    if (m instanceof List<?> withHandle) {
                        assertEquals(next, withHandle.get(0), "order");
                        @SuppressWarnings("unchecked")
                        GipcReader<String> received = (GipcReader<String>) withHandle.get(1);
                        GipcWriter<String> writer = innerWriters.get(handles++);
                        writer.put("live " + next).get(HANG_SECONDS, TimeUnit.SECONDS);
                        assertEquals("live " + next, received.get().get(HANG_SECONDS, TimeUnit.SECONDS));
                        received.close();
                        writer.close();
                    } else {
                        assertEquals(next, m, "order");
                    }
                    next++;
                }
            }
            producer.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
            assertFalse(producer.isAlive());
            assertEquals(count / 25, handles);
        } finally {
            innerWriters.forEach(w -> {
                if (!w.isClosed()) {
                    w.close();
                }
            });
        }
    }
}
