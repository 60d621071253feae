package io.gipc.netty.pipes;

import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcClosedException;
import io.gipc.GipcDuplex;
import io.gipc.GipcEofException;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.spi.GipcProvider;
import io.gipc.spi.HandleKind;
import io.gipc.spi.RawPeerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GipcProvider.rawPeer}: a handle whose other end is a raw socket, written and read byte by byte. */
@Timeout(60)
class RawPeerSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static RawPeerSocket peer(HandleKind kind) {
        return GipcProvider.get().rawPeer(kind, null, null, GipcPipeOptions.defaults());
    }

    private static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + payload.length)
                .putInt(payload.length)
                .put(payload)
                .array();
    }

    private static byte[] readExactly(RawPeerSocket socket, int n) {
        byte[] into = new byte[n];
        int done = 0;
        while (done < n) {
            int r = socket.read(into, done, n - done, WAIT);
            assertTrue(r > 0, "read returned " + r + " after " + done + " bytes");
            done += r;
        }
        return into;
    }

    @Test
    void aReaderGetsWhatTheRawEndWritesOneByteAtATime() {
        try (RawPeerSocket socket = peer(HandleKind.READER)) {
            @SuppressWarnings("unchecked")
            GipcReader<byte[]> reader = (GipcReader<byte[]>) socket.handle();
            assertTrue(Gipc.openHandles().contains(reader));
            GipcFuture<byte[]> get = reader.get();
            for (byte b : frame("hello")) {
                assertEquals(1, socket.write(new byte[] {b}, 0, 1, WAIT));
            }
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), await(get));
            socket.shutdownOutput();
            assertFails(GipcEofException.class, reader.get());
            reader.close();
        }
    }

    @Test
    void theRawEndReadsWhatAWriterPuts() {
        try (RawPeerSocket socket = peer(HandleKind.WRITER)) {
            @SuppressWarnings("unchecked")
            GipcWriter<byte[]> writer = (GipcWriter<byte[]>) socket.handle();
            await(writer.put("abc".getBytes(StandardCharsets.UTF_8)));
            assertArrayEquals(frame("abc"), readExactly(socket, 7));
            assertEquals(0, socket.read(new byte[1], 0, 1, Duration.ofMillis(50)), "nothing more: time is up");
            writer.close();
            assertEquals(-1, socket.read(new byte[1], 0, 1, WAIT), "end of stream once the writer is closed");
        }
    }

    @Test
    void aDuplexEndBothWays() {
        try (RawPeerSocket socket = peer(HandleKind.DUPLEX)) {
            @SuppressWarnings("unchecked")
            GipcDuplex<byte[]> duplex = (GipcDuplex<byte[]>) socket.handle();
            byte[] f = frame("in");
            socket.write(f, 0, f.length, WAIT);
            assertArrayEquals("in".getBytes(StandardCharsets.UTF_8), await(duplex.get()));
            await(duplex.put("out".getBytes(StandardCharsets.UTF_8)));
            assertArrayEquals(frame("out"), readExactly(socket, 7));
            duplex.close();
        }
    }

    @Test
    void writingAfterTheHandleClosedIsABrokenPipe() {
        try (RawPeerSocket socket = peer(HandleKind.READER)) {
            socket.handle().close();
            byte[] f = frame("lost");
            GipcBrokenPipeException e = assertThrows(GipcBrokenPipeException.class, () -> {
                for (int i = 0; i < 1000; i++) { // the first write may still land in the buffer
                    socket.write(f, 0, f.length, WAIT);
                }
            });
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void aFullBufferReturnsWhatWasWrittenWhenTimeIsUp() {
        RawPeerSocket socket = peer(HandleKind.READER);
        try {
            byte[] lots = new byte[64 << 20];
            int written = socket.write(lots, 0, lots.length, Duration.ofMillis(200));
            assertTrue(written > 0 && written < lots.length, "written " + written);
        } finally {
            socket.close();
            socket.handle().close();
        }
    }

    @Test
    void aClosedRawEndRefusesCallsAndTheHandleSeesEndOfStream() {
        RawPeerSocket socket = peer(HandleKind.READER);
        @SuppressWarnings("unchecked")
        GipcReader<byte[]> reader = (GipcReader<byte[]>) socket.handle();
        socket.close();
        assertTrue(socket.isClosed());
        socket.close(); // the second close does nothing
        assertThrows(GipcClosedException.class, () -> socket.write(new byte[1], 0, 1, WAIT));
        assertThrows(GipcClosedException.class, () -> socket.read(new byte[1], 0, 1, WAIT));
        assertFails(GipcEofException.class, reader.get());
        reader.close();
    }

    @Test
    void aCloseFromAnotherThreadEndsAWaitingRead() throws Exception {
        RawPeerSocket socket = peer(HandleKind.WRITER);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            socket.close();
        });
        closer.start();
        GipcException e =
                assertThrows(GipcClosedException.class, () -> socket.read(new byte[1], 0, 1, Duration.ofSeconds(30)));
        assertInstanceOf(GipcClosedException.class, e);
        closer.join();
        assertFalse(socket.handle().isClosed());
        socket.handle().close();
    }
}
