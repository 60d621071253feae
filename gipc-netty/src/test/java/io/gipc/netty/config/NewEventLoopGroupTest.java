package io.gipc.netty.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.netty.GipcNetty;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link GipcNetty#newEventLoopGroup}: a group of this OS's native transport that gipc accepts and runs on. */
class NewEventLoopGroupTest {
    private IoEventLoopGroup loops;

    @AfterEach
    void shutDown() {
        GipcNetty.useEventLoopGroup(null);
        if (loops != null) {
            loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGroupOfTheNativeTransportThatGipcRunsOn() throws Exception {
        loops = GipcNetty.newEventLoopGroup(3, new DefaultThreadFactory("server-loop", true));
        assertTrue(
                loops.isIoType(Epoll.isAvailable() ? EpollIoHandler.class : KQueueIoHandler.class),
                "epoll on Linux, kqueue on macOS");
        Set<Object> executors = new HashSet<>();
        loops.forEach(executors::add);
        assertEquals(3, executors.size());

        GipcNetty.useEventLoopGroup(loops); // would throw IllegalArgumentException for a group of another kind
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            CompletableFuture<String> thread =
                    pipe.reader().get().thenApply(m -> Thread.currentThread().getName());
            pipe.writer().put(new byte[] {1}).get(10, TimeUnit.SECONDS);
            assertTrue(thread.get(10, TimeUnit.SECONDS).startsWith("server-loop"), thread.get());

            // Its loops count as gipc's: blocking there on a pending future is refused, not a deadlock.
            GipcFuture<byte[]> pending = pipe.reader().get();
            CompletableFuture<Throwable> refusal = new CompletableFuture<>();
            loops.next().execute(() -> {
                try {
                    pending.join();
                    refusal.complete(null);
                } catch (Throwable t) {
                    refusal.complete(t);
                }
            });
            assertInstanceOf(IllegalStateException.class, refusal.get(10, TimeUnit.SECONDS));
            pending.cancel(false);
        }
    }

    @Test
    void withNettysDefaultThreads() throws Exception {
        loops = GipcNetty.newEventLoopGroup(1);
        Set<Object> executors = new HashSet<>();
        loops.forEach(executors::add);
        assertEquals(1, executors.size());
        assertTrue(loops.next().submit(() -> true).get(10, TimeUnit.SECONDS));
    }

    @Test
    void atLeastOneThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GipcNetty.newEventLoopGroup(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(NullPointerException.class, () -> GipcNetty.newEventLoopGroup(1, null));
    }
}
