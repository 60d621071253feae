package io.gipc.it.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcEofException;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.testkit.ChildProcesses;
import io.gipc.testkit.ChildResult;
import io.gipc.testkit.RawPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@link RawPeer}: frames fed and read byte by byte, truncated and corrupt ones included. */
@EnabledOnOs(OS.LINUX)
class RawPeerIT {
    private static Throwable failure(GipcFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS))
                .getCause();
    }

    @Test
    void aFrameFedOneByteAtATimeArrivesWhole() throws Exception {
        try (RawPeer<GipcReader<byte[]>> peer = RawPeer.rawReader()) {
            GipcFuture<byte[]> get = peer.handle().get();
            byte[] header = RawPeer.lengthHeader(3);
            for (byte b : header) {
                peer.write(b);
            }
            peer.write((byte) 1).write((byte) 2);
            Thread.sleep(50);
            assertTrue(!get.isDone(), "a message is delivered whole, not in parts");
            peer.write((byte) 3);
            assertArrayEquals(new byte[] {1, 2, 3}, get.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTruncatedFrameFailsTheGetAsInterrupted() {
        try (RawPeer<GipcReader<byte[]>> peer = RawPeer.rawReader()) {
            GipcFuture<byte[]> get = peer.handle().get();
            peer.writeLength(5).write((byte) 'a', (byte) 'b').closeOutput();
            Throwable t = failure(get);
            assertEquals(GipcException.class, t.getClass(), "not an end of stream: the message was interrupted");
            assertTrue(
                    t.getMessage().contains("interrupted") && t.getMessage().contains("2 of the 5 bytes"),
                    t.getMessage());
        }
    }

    @Test
    void aLengthAboveTheLimitIsNamed() {
        try (RawPeer<GipcReader<byte[]>> peer =
                RawPeer.rawReader(GipcPipeOptions.defaults().withMaxMessageLength(100))) {
            peer.writeLength(101);
            Throwable t = failure(peer.handle().get());
            assertTrue(t.getMessage().contains("101") && t.getMessage().contains("100"), t.getMessage());
        }
    }

    @Test
    void corruptPayloadFailsTheDecoder() {
        try (RawPeer<GipcReader<Object>> peer = RawPeer.reader()) {
            peer.writeFrame(new byte[] {(byte) 0xff, 0x13, 0x37});
            Throwable t = failure(peer.handle().get());
            assertInstanceOf(io.gipc.GipcCodecException.class, t);
        }
    }

    @Test
    void endOfStreamBetweenFramesIsAnEof() {
        try (RawPeer<GipcReader<byte[]>> peer = RawPeer.rawReader()) {
            peer.writeFrame("one".getBytes(StandardCharsets.UTF_8)).closeOutput();
            assertArrayEquals(
                    "one".getBytes(StandardCharsets.UTF_8), peer.handle().get().join());
            assertInstanceOf(GipcEofException.class, failure(peer.handle().get()));
        }
    }

    @Test
    void theWireFormatOfAWriter() {
        try (RawPeer<GipcWriter<String>> peer = RawPeer.writer(s -> s.getBytes(StandardCharsets.UTF_8))) {
            peer.handle().put("héllo").join();
            assertArrayEquals(RawPeer.lengthHeader(6), peer.read(4));
            assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), peer.read(6));
            peer.handle().put("").join();
            assertArrayEquals(new byte[0], peer.readFrame());
            peer.handle().close();
            peer.awaitEndOfStream(Duration.ofSeconds(10));
        }
    }

    @Test
    void readingMoreThanWasWrittenFailsSayingWhatCame() {
        try (RawPeer<GipcWriter<byte[]>> peer = RawPeer.rawWriter()) {
            peer.handle().put(new byte[] {9}).join();
            AssertionError e = assertThrows(AssertionError.class, () -> peer.read(10, Duration.ofMillis(200)));
            assertTrue(
                    e.getMessage().contains("wrote only 5 of 10 bytes")
                            && e.getMessage().contains("9]"),
                    e.getMessage());
        }
    }

    @Test
    void aRawPeersReaderTransferredToAChildGetsTheCorruptFrameThere() {
        RawPeer<GipcReader<byte[]>> peer = RawPeer.rawReader();
        try {
            peer.writeLength(-5);
            ChildResult r = ChildProcesses.run(Targets::readsOne, peer.handle());
            assertEquals(3, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("get failed") && r.stderr().contains("-5"), r.stderr());
        } finally {
            peer.close();
        }
        assertEquals(List.of(), io.gipc.Gipc.openHandles());
    }
}
