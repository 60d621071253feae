package io.gipc.netty.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.netty.GipcNetty;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A server hands gipc its own event loops: callbacks run there, gipc never shuts them down. */
class UserEventLoopGroupTest {
    private EventLoopGroup serverLoops;

    @BeforeEach
    void useServerLoops() {
        serverLoops = new MultiThreadIoEventLoopGroup(
                2, new DefaultThreadFactory("server-loop", true), EpollIoHandler.newFactory());
        GipcNetty.useEventLoopGroup(serverLoops);
    }

    @AfterEach
    void backToDefault() throws Exception {
        GipcNetty.useEventLoopGroup(null);
        serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    @Test
    void futuresCompleteAndTimersRunOnTheUsersLoops() throws Exception {
        assertSame(serverLoops, GipcNetty.eventLoopGroup());
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            CompletableFuture<String> thread =
                    pipe.reader().get().thenApply(m -> Thread.currentThread().getName());
            pipe.writer().put(new byte[] {1}).get(10, TimeUnit.SECONDS);
            assertTrue(thread.get(10, TimeUnit.SECONDS).startsWith("server-loop"), thread.get());

            CompletableFuture<String> timerThread = pipe.reader()
                    .get(Duration.ofMillis(10))
                    .handle((m, e) -> {
                        assertInstanceOf(
                                TimeoutException.class,
                                e instanceof java.util.concurrent.CompletionException ? e.getCause() : e);
                        return Thread.currentThread().getName();
                    });
            assertTrue(timerThread.get(10, TimeUnit.SECONDS).startsWith("server-loop"), timerThread.get());
        }
        assertFalse(serverLoops.isShuttingDown(), "gipc never shuts a user's group down");
    }

    @Test
    void blockingOnTheUsersLoopIsRefused() throws Exception {
        try (GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe()) {
            GipcFuture<byte[]> pending = pipe.first().get();
            CompletableFuture<Throwable> refusal = new CompletableFuture<>();
            serverLoops.next().execute(() -> {
                try {
                    pending.join();
                    refusal.complete(null);
                } catch (Throwable t) {
                    refusal.complete(t);
                }
            });
            assertInstanceOf(IllegalStateException.class, refusal.get(10, TimeUnit.SECONDS));
            pipe.second().put(new byte[] {2}).get(10, TimeUnit.SECONDS);
            assertEquals(2, pending.get(10, TimeUnit.SECONDS)[0]);
        }
    }

    @Test
    void pipesMadeOnALoopThreadAreUsableAtOnce() throws Exception {
        CompletableFuture<byte[]> echoed = new CompletableFuture<>();
        serverLoops.next().execute(() -> {
            GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe();
            pipe.second().get().thenCompose(pipe.second()::put);
            pipe.first()
                    .put(new byte[] {3})
                    .thenCompose(v -> pipe.first().get())
                    .whenComplete((m, e) -> {
                        pipe.close();
                        if (e != null) {
                            echoed.completeExceptionally(e);
                        } else {
                            echoed.complete(m);
                        }
                    });
        });
        assertEquals(3, echoed.get(10, TimeUnit.SECONDS)[0]);
        waitForNoOpenHandles();
    }

    @Test
    void aGroupThatCannotDriveNativeChannelsIsRefused() throws Exception {
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> GipcNetty.useEventLoopGroup(nio));
            assertTrue(e.getMessage().contains("EpollDomainSocketChannel"), e.getMessage());
            assertSame(serverLoops, GipcNetty.eventLoopGroup(), "a refused group changes nothing");
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        }
    }

    /** Misuse, but nothing may hang or leak: the put fails, and close() still closes the descriptors. */
    @Test
    void aPutAfterTheUserShutTheLoopsDownFailsAndCloseStillClosesTheDescriptors() throws Exception {
        GipcPipe<byte[]> pipe = Gipc.rawPipe();
        try {
            serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> pipe.writer().put(new byte[] {1}).get(10, TimeUnit.SECONDS));
            assertTrue(
                    e.getCause().getMessage().startsWith("writing to GipcWriter#"),
                    e.getCause().getMessage());
            assertInstanceOf(
                    java.util.concurrent.RejectedExecutionException.class,
                    e.getCause().getCause());
            assertFalse(pipe.writer().isLocked(), "the failed put no longer locks the writer");
        } finally {
            pipe.close();
        }
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
        // The leak check after the test finds any descriptor left open.
    }

    @Test
    void forceClosingAHandleWhoseLoopsWereShutDownDoesNotThrow() throws Exception {
        GipcPipe<byte[]> pipe = Gipc.rawPipe();
        try {
            GipcFuture<byte[]> get = pipe.reader().get();
            serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            assertTrue(io.gipc.spi.GipcProvider.get().forceClose(pipe.reader(), "the test says so"));
            // Netty's loop closes its channels as it shuts down: the get has failed (end of stream) by now.
            assertThrows(ExecutionException.class, () -> get.get(10, TimeUnit.SECONDS));
        } finally {
            pipe.writer().close();
        }
    }

    static void sleepLong() throws InterruptedException {
        Thread.sleep(TimeUnit.MINUTES.toMillis(2));
    }

    /** A child watched on the user's loops when they are shut down: its watch descriptor does not leak. */
    @Test
    void aChildWatchedOnLoopsThatAreShutDownLeavesNoDescriptorBehind() throws Exception {
        io.gipc.GProcess child = Gipc.startProcess(UserEventLoopGroupTest::sleepLong);
        try {
            serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        } finally {
            ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(child.pid()).ifPresent(h -> h.onExit().join());
        }
        // The leak check after the test finds the child's pidfd if it was left open.
    }

    private static void waitForNoOpenHandles() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Gipc.openHandles().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
    }
}
