package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.spi.GipcProvider;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GipcProvider.forceClose}: closes a handle whatever is pending, failing the pending operations with a
 * {@link GipcClosedException} that gives the reason; what the test kit uses to free a stuck test.
 */
@Timeout(60)
class ForceCloseTest {
    private static final GipcProvider PROVIDER = GipcProvider.get();

    @Test
    void pendingGetsFailWithTheReasonAndTheHandleIsGone() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcReader<String> reader = pipe.reader();
            GipcFuture<String> first = reader.get();
            GipcFuture<String> second = reader.get();
            assertTrue(PROVIDER.forceClose(reader, "the test ran out of time"));

            for (GipcFuture<String> get : java.util.List.of(first, second)) {
                Throwable t = assertFails(GipcClosedException.class, get);
                assertTrue(t.getMessage().contains("closed by force: the test ran out of time"), t.getMessage());
                assertTrue(t.getMessage().contains(PipeTestSupport.nameOf(reader)), t.getMessage());
            }
            assertTrue(reader.isClosed());
            assertFalse(reader.isLocked());
            assertFalse(Gipc.openHandles().contains(reader));
            assertThrows(GipcClosedException.class, reader::get);
            assertFalse(PROVIDER.forceClose(reader, "again"), "closed already");
        }
    }

    @Test
    void aPendingPutFailsWithTheReason() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcWriter<byte[]> writer = pipe.writer();
            GipcFuture<Void> put = writer.put(message(1, 10 * MIB));
            assertFalse(put.isDone(), "10 MiB do not fit into the socket buffers");
            assertTrue(PROVIDER.forceClose(writer, "stuck"));
            Throwable t = assertFails(GipcClosedException.class, put);
            assertTrue(t.getMessage().contains("closed by force: stuck"), t.getMessage());
            assertTrue(writer.isClosed());
        }
    }

    @Test
    void aJoinBlockedOnAGetEnds() throws Exception {
        try (GipcDuplexPipe<Object> pipe = Gipc.duplexPipe()) {
            GipcHandle first = pipe.first();
            Thread forcer = new Thread(() -> {
                while (!first.isLocked()) {
                    Thread.onSpinWait();
                }
                PROVIDER.forceClose(first, "freed");
            });
            forcer.start();
            CompletionException e = assertThrows(
                    CompletionException.class, () -> pipe.first().get().join());
            assertInstanceOf(GipcClosedException.class, e.getCause());
            forcer.join();
        }
    }

    @Test
    void anIdleHandleIsSimplyClosed() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            assertTrue(PROVIDER.forceClose(pipe.writer(), "idle"));
            assertTrue(pipe.writer().isClosed());
            assertFails(io.gipc.GipcEofException.class, pipe.reader().get());
        }
    }

    @Test
    void aHandleOfAnotherKindIsRefused() {
        GipcHandle stranger = new GipcHandle() {
            @Override
            public void close() {}

            @Override
            public boolean isClosed() {
                return false;
            }

            @Override
            public boolean isLocked() {
                return false;
            }
        };
        GipcException e = assertThrows(GipcException.class, () -> PROVIDER.forceClose(stranger, "no"));
        assertTrue(e.getMessage().contains("not a handle made by gipc-netty"), e.getMessage());
        assertEquals(GipcException.class, e.getClass());
    }
}
