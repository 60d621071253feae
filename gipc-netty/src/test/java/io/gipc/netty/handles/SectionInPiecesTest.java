package io.gipc.netty.handles;

import static io.gipc.netty.handles.Fds.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.posix.ScmRights;
import io.gipc.netty.internal.posix.SocketPair;
import io.gipc.netty.internal.transport.HandleDescriptor;
import io.gipc.netty.internal.transport.HandleMessage;
import io.gipc.netty.internal.transport.HandleTransfer;
import io.gipc.spi.HandleKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The wire format of a message carrying handles, written by hand on a socket whose other end is a gipc reader:
 * a header, then a descriptor section and a frame that arrive in pieces (the reader waits for the rest of the
 * section, without a busy loop and without tearing anything), and a sender that announces more descriptors than
 * it sends (that get fails, the next message follows).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class SectionInPiecesTest {
    private int raw;
    private GipcReader<Object> reader;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void open() {
        int[] pair = SocketPair.open();
        raw = pair[1];
        reader = (GipcReader<Object>) HandleTransfer.adopt(
                pair[0], HandleDescriptor.of(HandleKind.READER, DefaultCodec.ENCODER, DefaultCodec.DECODER, 1 << 20));
    }

    @AfterEach
    void close() {
        reader.close();
        SocketPair.closeQuietly(raw);
    }

    @Test
    void aSectionAndFrameArrivingInPiecesAreDelivered() throws Exception {
        try (GipcPipe<String> a = Gipc.pipe();
                GipcPipe<String> b = Gipc.pipe()) {
            HandleMessage.Encoded m =
                    HandleMessage.encode(new ArrayList<>(List.of(a.writer(), b.writer())), "test", null);
            int[] fds = m.handles().fds();
            GipcFuture<Object> get = reader.get();
            send(ByteBuffer.allocate(4).putInt(0x80000000 | 2).array(), new int[0]);
            send(new byte[1], new int[] {fds[0]});
            Thread.sleep(200); // the reader has half the section: it must wait for the rest
            assertFalse(get.isDone());
            send(new byte[1], new int[] {fds[1]});
            byte[] frame = ByteBuffer.allocate(4 + m.payload().length)
                    .putInt(m.payload().length)
                    .put(m.payload())
                    .array();
            send(Arrays.copyOfRange(frame, 0, 7), new int[0]);
            Thread.sleep(100);
            assertFalse(get.isDone());
            send(Arrays.copyOfRange(frame, 7, frame.length), new int[0]);
            List<?> got = (List<?>) await(get);
            m.handles().commit(() -> {});
            @SuppressWarnings("unchecked")
            GipcWriter<String> wa = (GipcWriter<String>) got.get(0);
            @SuppressWarnings("unchecked")
            GipcWriter<String> wb = (GipcWriter<String>) got.get(1);
            await(wa.put("a"));
            await(wb.put("b"));
            assertEquals("a", await(a.reader().get()));
            assertEquals("b", await(b.reader().get()));
            wa.close();
            wb.close();
        }
    }

    @Test
    void fewerDescriptorsThanAnnouncedFailThatGetAndTheNextMessageFollows() throws Exception {
        try (GipcPipe<String> a = Gipc.pipe()) {
            HandleMessage.Encoded m = HandleMessage.encode(new ArrayList<>(List.of(a.writer())), "test", null);
            int before = Fds.count();
            send(ByteBuffer.allocate(4).putInt(0x80000000 | 2).array(), new int[0]);
            send(new byte[2], m.handles().fds()); // two bytes, one descriptor
            byte[] payload = m.payload();
            send(
                    ByteBuffer.allocate(4 + payload.length)
                            .putInt(payload.length)
                            .put(payload)
                            .array(),
                    new int[0]);
            byte[] next = DefaultCodec.encode("next");
            send(
                    ByteBuffer.allocate(4 + next.length)
                            .putInt(next.length)
                            .put(next)
                            .array(),
                    new int[0]);
            m.handles().abort();

            ExecutionException e = assertThrows(ExecutionException.class, () -> await(reader.get()));
            assertEquals(GipcException.class, e.getCause().getClass());
            assertTrue(
                    e.getCause().getMessage().contains("carried 2 handle(s) and 1 of their descriptors arrived"),
                    e.getCause().getMessage());
            assertEquals("next", await(reader.get()));
            assertTrue(Fds.settleTo(before) <= before, "the descriptor that arrived was closed");
            await(a.writer().put("the sender's handle is still usable"));
            assertEquals("the sender's handle is still usable", await(a.reader().get()));
        }
    }

    @Test
    void anyOtherNegativeHeaderIsStillCorrupt() throws Exception {
        send(ByteBuffer.allocate(4).putInt(0x80000000).array(), new int[0]); // zero handles
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(reader.get()));
        assertTrue(
                e.getCause().getMessage().contains("length header -2147483648 is negative"),
                e.getCause().getMessage());
    }

    private void send(byte[] bytes, int[] fds) throws Exception {
        int at = 0;
        while (at < bytes.length) {
            int n = ScmRights.send(raw, Arrays.copyOfRange(bytes, at, bytes.length), at == 0 ? fds : new int[0]);
            if (n == 0) {
                Thread.sleep(5);
            }
            at += n;
        }
    }
}
