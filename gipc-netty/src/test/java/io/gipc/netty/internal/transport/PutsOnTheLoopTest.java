package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Puts made on the event loop, as a callback makes them: written to the socket at once when nothing else is being
 * written, without a trip through Netty's pipeline, and in order behind frames the socket could not take yet. Every
 * wait is bounded against hangs only; nothing here measures speed.
 */
@Timeout(120)
class PutsOnTheLoopTest {
    private static final long HANG_SECONDS = 30;

    @Test
    void aPutOnTheLoopWithNothingElseBeingWrittenIsWrittenAtOnceWithoutThePipeline() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            Channel channel = ((AbstractHandle<?>) pipe.writer()).channel();
            AtomicInteger pipelineWrites = new AtomicInteger();
            channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    pipelineWrites.incrementAndGet();
                    ctx.write(msg, promise);
                }
            });
            byte[] message = {1, 2, 3};
            GipcFuture<Void> put =
                    channel.eventLoop().submit(() -> pipe.writer().put(message)).get(HANG_SECONDS, TimeUnit.SECONDS);
            assertTrue(put.isDone(), "written before put() returned");
            assertEquals(0, pipelineWrites.get(), "written by the loop to the socket itself");
            assertArrayEquals(message, pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void putsChainedOnTheLoopPastAFullSocketArriveWholeAndInOrder() throws Exception {
        int count = 40;
        int size = 64_000; // 40 of them are far more than the socket holds: the loop queues the rest
        try (GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe()) {
            GipcDuplex<byte[]> sender = pipe.first();
            List<GipcFuture<Void>> puts = new ArrayList<>();
            // From a get's callback, as a server on the loop answers.
            GipcFuture<byte[]> trigger = sender.get();
            CompletableFuture<Boolean> chained = trigger.thenApply(m -> {
                for (int i = 0; i < count; i++) {
                    puts.add(sender.put(numbered(i, size)));
                }
                return EventLoops.inGipcLoop();
            });
            pipe.second().put(new byte[] {0}).join();
            assertTrue(chained.get(HANG_SECONDS, TimeUnit.SECONDS), "the puts were made on the loop");
            for (int i = 0; i < count; i++) {
                byte[] m = pipe.second().get().get(HANG_SECONDS, TimeUnit.SECONDS);
                assertEquals(size, m.length);
                assertEquals(i, ByteBuffer.wrap(m).getInt(), "message in its place");
                assertEquals((byte) (i * 31 + size - 1), m[size - 1], "message whole");
            }
            for (GipcFuture<Void> put : puts) {
                put.get(HANG_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private static byte[] numbered(int n, int size) {
        byte[] m = new byte[size];
        for (int i = 4; i < size; i++) {
            m[i] = (byte) (n * 31 + i);
        }
        ByteBuffer.wrap(m).putInt(n);
        return m;
    }
}
