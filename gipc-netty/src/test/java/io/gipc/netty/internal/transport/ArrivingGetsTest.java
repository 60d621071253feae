package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Gets made off the event loop while the loop already reads for earlier gets: they join the reader's queue without a
 * task for the loop (no wake-up), and keep every promise: order, nothing lost or read twice, timeouts, and a get made
 * on the loop coming after them. Every wait is bounded against hangs only; nothing here measures speed.
 */
@Timeout(120)
class ArrivingGetsTest {
    private static final long HANG_SECONDS = 30;

    @Test
    void getsMadeWhileTheLoopReadsPostNoTaskAndGetTheirMessagesInOrder() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            EventLoop loop = loopOf(reader);
            List<GipcFuture<byte[]>> gets = new ArrayList<>();
            gets.add(reader.get()); // nothing there: the loop takes it and reads for it
            runOn(loop, () -> {});
            CountDownLatch release = new CountDownLatch(1);
            blockLoop(loop, release);
            try {
                for (int i = 1; i <= 20; i++) {
                    gets.add(reader.get());
                }
                assertEquals(
                        0,
                        ((SingleThreadEventExecutor) loop).pendingTasks(),
                        "gets made while the loop reads for an earlier one post no task");
            } finally {
                release.countDown();
            }
            for (int i = 0; i <= 20; i++) {
                pipe.writer().put(numbered(i)).join();
            }
            for (int i = 0; i <= 20; i++) {
                assertArrayEquals(numbered(i), gets.get(i).get(HANG_SECONDS, TimeUnit.SECONDS), "get " + i);
            }
            assertFalse(reader.isLocked());
        }
    }

    @Test
    void aGetWithATimeoutMadeWhileTheLoopReadsStillTimesOut() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            GipcFuture<byte[]> first = reader.get();
            runOn(loopOf(reader), () -> {});
            GipcFuture<byte[]> timed = reader.get(Duration.ofMillis(100));
            ExecutionException e = assertThrows(
                    ExecutionException.class, () -> timed.get(HANG_SECONDS, TimeUnit.SECONDS), "its timer ran");
            assertInstanceOf(TimeoutException.class, e.getCause());
            GipcFuture<byte[]> after = reader.get();
            pipe.writer().put(numbered(1)).join();
            pipe.writer().put(numbered(2)).join();
            assertArrayEquals(numbered(1), first.get(HANG_SECONDS, TimeUnit.SECONDS));
            assertArrayEquals(numbered(2), after.get(HANG_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aGetMadeOnTheLoopComesAfterGetsMadeBeforeItOnOtherThreads() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            EventLoop loop = loopOf(reader);
            List<GipcFuture<byte[]>> gets = new ArrayList<>();
            gets.add(reader.get());
            runOn(loop, () -> {});
            for (int i = 1; i <= 4; i++) {
                gets.add(reader.get()); // queued for the loop, which has not taken them in yet
            }
            AtomicReference<GipcFuture<byte[]>> onLoop = new AtomicReference<>();
            runOn(loop, () -> onLoop.set(reader.get()));
            gets.add(onLoop.get());
            for (int i = 0; i <= 5; i++) {
                pipe.writer().put(numbered(i)).join();
            }
            for (int i = 0; i <= 5; i++) {
                assertArrayEquals(numbered(i), gets.get(i).get(HANG_SECONDS, TimeUnit.SECONDS), "get " + i);
            }
        }
    }

    @Test
    void manyGetsInFlightWhileTheLoopStartsAndStopsReadingLoseAndDuplicateNothing() throws Exception {
        int count = 20_000;
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < count; i++) {
                    GipcFuture<Void> put = pipe.writer().put(numbered(i));
                    if (i % 97 == 0) {
                        put.join(); // pauses now and then, so that the reader catches up and its loop stops reading
                    }
                }
            });
            ArrayDeque<GipcFuture<byte[]>> pending = new ArrayDeque<>();
            int asked = 0;
            for (int i = 0; i < count; i++) {
                while (asked < count && pending.size() < 1 + asked % 64) {
                    pending.add(reader.get());
                    asked++;
                }
                byte[] m = pending.poll().get(HANG_SECONDS, TimeUnit.SECONDS);
                assertEquals(i, ByteBuffer.wrap(m).getInt(), "message in its place");
            }
            writing.get(HANG_SECONDS, TimeUnit.SECONDS);
            assertFalse(reader.isLocked());
        }
    }

    private static EventLoop loopOf(Object handle) {
        return ((AbstractHandle<?>) handle).channel().eventLoop();
    }

    private static void runOn(EventLoop loop, Runnable r) throws Exception {
        loop.submit(r).get(HANG_SECONDS, TimeUnit.SECONDS);
    }

    private static void blockLoop(EventLoop loop, CountDownLatch release) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        loop.execute(() -> {
            started.countDown();
            try {
                release.await(HANG_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(started.await(HANG_SECONDS, TimeUnit.SECONDS));
    }

    private static byte[] numbered(int n) {
        return ByteBuffer.allocate(4).putInt(n).array();
    }
}
