package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcEofException;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcReader;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.SocketPair;
import io.gipc.spi.HandleKind;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reader fed byte by byte through the raw other end of its socketpair: corrupt and truncated frames, and
 * the races between timeouts, cancels and a message's first byte.
 */
class FramingFaultsTest {
    private GipcReader<byte[]> reader;
    private int own = -1;
    private int peer = -1;

    @BeforeEach
    void open() {
        openWithLimit(Integer.MAX_VALUE - 8);
    }

    @SuppressWarnings("unchecked")
    private void openWithLimit(int limit) {
        if (reader != null) {
            closeAll();
        }
        int[] fds = SocketPair.open();
        reader = (GipcReader<byte[]>)
                HandleTransfer.adopt(fds[0], HandleDescriptor.of(HandleKind.READER, null, null, limit));
        own = fds[0];
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
        reader = null;
    }

    private void send(byte... bytes) {
        assertEquals(bytes.length, LibC.get().write(peer, bytes, bytes.length), SocketPair.lastError());
    }

    /** Bytes from the reader's side that the peer never reads: closing the peer then resets the socket. */
    private void leaveUnreadAtThePeer() {
        byte[] unread = {42};
        assertEquals(1, LibC.get().write(own, unread, 1), SocketPair.lastError());
    }

    private void hangUp() {
        LibC.get().close(peer);
        peer = -1;
    }

    private static byte[] header(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    private static Throwable failure(GipcFuture<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void negativeLengthFailsThisAndEveryLaterGet() throws Exception {
        send(header(-5));
        Throwable first = failure(reader.get());
        assertEquals(GipcException.class, first.getClass());
        assertTrue(first.getMessage().contains("-5"), first.getMessage());
        Throwable later = failure(reader.get());
        assertTrue(later.getMessage().contains("-5"), later.getMessage());
        assertFalse(reader.isLocked());
    }

    @Test
    void lengthOverTheLimitIsNamed() throws Exception {
        openWithLimit(10);
        send(header(11));
        Throwable t = failure(reader.get());
        assertTrue(t.getMessage().contains("11") && t.getMessage().contains("10"), t.getMessage());
        assertTrue(failure(reader.get()).getMessage().contains("11"));
    }

    @Test
    void endOfStreamInsideAHeader() throws Exception {
        send((byte) 0, (byte) 0);
        GipcFuture<byte[]> get = reader.get();
        hangUp();
        Throwable t = failure(get);
        assertEquals(GipcException.class, t.getClass(), "not an EOF: the message was interrupted");
        assertTrue(t.getMessage().contains("after 2 of the 4 bytes of a length header"), t.getMessage());
    }

    @Test
    void endOfStreamAfterAHeaderAlone() throws Exception {
        send(header(5));
        hangUp();
        Throwable t = failure(reader.get());
        assertEquals(GipcException.class, t.getClass());
        assertTrue(t.getMessage().contains("after 0 of the 5 bytes of a message"), t.getMessage());
    }

    @Test
    void endOfStreamInsideABody() throws Exception {
        send(header(10));
        send((byte) 1, (byte) 2, (byte) 3);
        hangUp();
        Throwable t = failure(reader.get());
        assertTrue(t.getMessage().contains("after 3 of the 10 bytes"), t.getMessage());
    }

    @Test
    void messagesBeforeTheEndAreAllReadThenEof() throws Exception {
        send(header(1));
        send((byte) 7);
        send(header(0));
        hangUp();
        assertArrayEquals(new byte[] {7}, reader.get().get(10, TimeUnit.SECONDS));
        assertEquals(0, reader.get().get(10, TimeUnit.SECONDS).length);
        Throwable end = failure(reader.get());
        assertInstanceOf(GipcEofException.class, end, end::toString);
        assertInstanceOf(GipcEofException.class, failure(reader.get()));
    }

    /** A peer closed with bytes unread resets the socket (ECONNRESET) instead of ending the stream: still an end. */
    @Test
    void aResetAfterWholeMessagesIsTheEndOfTheStream() throws Exception {
        leaveUnreadAtThePeer();
        send(header(1));
        send((byte) 7);
        hangUp();
        assertArrayEquals(new byte[] {7}, reader.get().get(10, TimeUnit.SECONDS));
        Throwable end = failure(reader.get());
        assertInstanceOf(GipcEofException.class, end, end::toString);
    }

    @Test
    void aResetInsideABodyIsAnInterruptedMessage() throws Exception {
        leaveUnreadAtThePeer();
        send(header(10));
        send((byte) 1, (byte) 2, (byte) 3);
        hangUp();
        Throwable t = failure(reader.get());
        assertEquals(GipcException.class, t.getClass());
        assertTrue(t.getMessage().contains("after 3 of the 10 bytes"), t.getMessage());
    }

    @Test
    void timeoutNoLongerAppliesOnceTheFirstByteArrived() throws Exception {
        GipcFuture<byte[]> get = reader.get(Duration.ofMillis(100));
        send((byte) 0);
        Thread.sleep(500); // well past the timeout
        assertFalse(get.isDone(), "a message that began to arrive must not be torn by the timeout");
        send((byte) 0, (byte) 0, (byte) 2, (byte) 8, (byte) 9);
        assertArrayEquals(new byte[] {8, 9}, get.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aTimeoutRacingTheFirstByteLosesAndTearsNothing() throws Exception {
        // Each round: a get() with a timeout of 0 to 2 ms, and a message whose first byte is written 0 to 2 ms
        // later, the rest a moment after. Either the get() has the whole message, or it timed out and the next
        // get() has the whole message: never a part, never nothing, never another message.
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            byte[] body = {(byte) (i >> 8), (byte) i, (byte) random.nextInt()};
            byte[] frame = ByteBuffer.allocate(4 + body.length)
                    .put(header(body.length))
                    .put(body)
                    .array();
            GipcFuture<byte[]> get = reader.get(Duration.ofNanos(random.nextInt(2_000_000)));
            spin(random.nextInt(2_000_000));
            send(frame[0]);
            spin(random.nextInt(200_000));
            send(Arrays.copyOfRange(frame, 1, frame.length));
            byte[] got;
            try {
                got = get.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertInstanceOf(TimeoutException.class, e.getCause(), "round " + i + ", seed " + seed);
                assertFalse(reader.isLocked());
                got = reader.get().get(10, TimeUnit.SECONDS);
            }
            assertArrayEquals(body, got, "round " + i + ", seed " + seed);
        }
    }

    /** Busy-waits about this long: moves a write around a timer, it synchronises nothing. */
    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void timeoutBeforeAnyByteLeavesTheHandleUsable() throws Exception {
        Throwable t = failure(reader.get(Duration.ofMillis(50)));
        assertInstanceOf(TimeoutException.class, t);
        assertFalse(reader.isLocked());
        send(header(1));
        send((byte) 4);
        assertArrayEquals(new byte[] {4}, reader.get(Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS));
    }

    @Test
    void cancelInsideAMessageLosesNothing() throws Exception {
        GipcFuture<byte[]> get = reader.get();
        send(header(3));
        send((byte) 1);
        Thread.sleep(100); // let the loop take the first bytes for this get
        assertTrue(get.cancel(false));
        assertFalse(reader.isLocked(), "unlocked when cancel returns");
        assertTrue(get.isCancelled());
        send((byte) 2, (byte) 3);
        assertArrayEquals(new byte[] {1, 2, 3}, reader.get().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aTransferredReaderCarriesWhatItHadAlreadyReceived() throws Exception {
        GipcFuture<byte[]> get = reader.get();
        send(header(4));
        send((byte) 1, (byte) 2);
        Thread.sleep(100);
        assertTrue(get.cancel(false));

        HandleTransfer.Prepared prepared = HandleTransfer.prepare(reader);
        byte[] unread = prepared.descriptor().unreadBytes();
        assertNotNull(unread);
        assertArrayEquals(new byte[] {0, 0, 0, 4, 1, 2}, unread);
        int copy = LibC.get().dup(prepared.fd());
        assertTrue(copy >= 0, SocketPair.lastError());
        prepared.commit();
        assertTrue(reader.isClosed());

        @SuppressWarnings("unchecked")
        GipcReader<byte[]> taken = (GipcReader<byte[]>) HandleTransfer.adopt(copy, prepared.descriptor());
        try {
            send((byte) 3, (byte) 4);
            assertArrayEquals(new byte[] {1, 2, 3, 4}, taken.get().get(10, TimeUnit.SECONDS));
        } finally {
            taken.close();
        }
    }

    @Test
    void framesADirectGetReadAheadGoWithTheReaderToItsTaker() throws Exception {
        send(concat(header(1), new byte[] {7}, header(2), new byte[] {8, 9}, header(3)));
        assertArrayEquals(new byte[] {7}, reader.get().get(10, TimeUnit.SECONDS));

        // the direct get read all that was there at once: the frame and header after its own travel with the reader
        HandleTransfer.Prepared prepared = HandleTransfer.prepare(reader);
        GipcReader<byte[]> taken = takeOver(prepared);
        try {
            byte[] unread = prepared.descriptor().unreadBytes();
            assertArrayEquals(concat(header(2), new byte[] {8, 9}, header(3)), unread, () -> Arrays.toString(unread));
            send((byte) 4, (byte) 5, (byte) 6);
            assertArrayEquals(new byte[] {8, 9}, taken.get().get(10, TimeUnit.SECONDS));
            assertArrayEquals(new byte[] {4, 5, 6}, taken.get().get(10, TimeUnit.SECONDS));
        } finally {
            taken.close();
        }
    }

    @Test
    void aHeaderReadAheadForAGetThatIsThenCancelledIsNotLost() throws Exception {
        GipcFuture<byte[]> first = reader.get();
        GipcFuture<byte[]> second = reader.get();
        // the second get waits: its header may come in the same read as the first payload
        send(concat(header(1), new byte[] {7}, header(2)));
        assertArrayEquals(new byte[] {7}, first.get(10, TimeUnit.SECONDS));
        assertTrue(second.cancel(false));

        HandleTransfer.Prepared prepared = HandleTransfer.prepare(reader);
        GipcReader<byte[]> taken = takeOver(prepared);
        try {
            send((byte) 8, (byte) 9);
            assertArrayEquals(new byte[] {8, 9}, taken.get().get(10, TimeUnit.SECONDS));
        } finally {
            taken.close();
        }
    }

    /** Hands the reader's descriptor, with what it had received, to a new reader, as a child would get it. */
    @SuppressWarnings("unchecked")
    private GipcReader<byte[]> takeOver(HandleTransfer.Prepared prepared) {
        int copy = LibC.get().dup(prepared.fd());
        assertTrue(copy >= 0, SocketPair.lastError());
        prepared.commit();
        assertTrue(reader.isClosed());
        return (GipcReader<byte[]>) HandleTransfer.adopt(copy, prepared.descriptor());
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all =
                ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(all::put);
        return all.array();
    }
}
