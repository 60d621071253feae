package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Puts and gets that use the socket on the caller's thread (no hand-over to the event loop), and their fall-backs
 * to the loop: a socket that is full, a message not all there, a get racing its timeout, cancels and a second
 * reader. Every wait is bounded against hangs only; nothing here measures speed.
 */
@Timeout(120)
class DirectIoTest {
    private static final long HANG_SECONDS = 30;

    @Test
    void withTheLoopBusyAPutIsWrittenAndAWaitingMessageReadOnTheCallersThread() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            byte[] message = {1, 2, 3};
            try (BlockedLoop blocked = BlockedLoop.of(pipe.writer(), pipe.reader())) {
                GipcFuture<Void> put = pipe.writer().put(message);
                assertTrue(put.isDone(), "the put was written by the caller, though every loop is busy");
                GipcFuture<byte[]> get = pipe.reader().get();
                assertTrue(get.isDone(), "the message was read by the caller, though every loop is busy");
                assertArrayEquals(message, get.getNow(null));
                assertFalse(pipe.writer().isLocked());
                assertFalse(pipe.reader().isLocked());
            }
        }
    }

    @Test
    void aGetWithNothingThereWaitsOnTheLoopAndStaysUsable() throws Exception {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcFuture<String> get = pipe.reader().get();
            assertFalse(get.isDone());
            pipe.writer().put("late").join();
            assertEquals("late", get.get(HANG_SECONDS, TimeUnit.SECONDS));
            pipe.writer().put("next").join();
            assertEquals("next", pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPutThatFindsTheSocketFullHandsTheRestToTheLoopAndLaterPutsQueueBehindIt() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            byte[] big = numbered(1, 8 << 20);
            GipcFuture<Void> first = pipe.writer().put(big);
            assertFalse(first.isDone(), "8 MiB do not fit into the socket's buffers");
            List<GipcFuture<Void>> later = new ArrayList<>();
            for (int i = 2; i <= 20; i++) {
                later.add(pipe.writer().put(numbered(i, 1 + i * 1000)));
            }
            assertArrayEquals(big, pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
            for (int i = 2; i <= 20; i++) {
                assertArrayEquals(numbered(i, 1 + i * 1000), pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
            }
            first.get(HANG_SECONDS, TimeUnit.SECONDS);
            for (GipcFuture<Void> put : later) {
                put.get(HANG_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aMessageNotAllThereIsFinishedByTheLoop() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            byte[] big = numbered(7, 4 << 20);
            GipcFuture<Void> put = pipe.writer().put(big); // part in the socket, the rest waits for the reader
            GipcFuture<byte[]> get = pipe.reader().get(); // reads what is there directly, the loop the rest
            assertArrayEquals(big, get.get(HANG_SECONDS, TimeUnit.SECONDS));
            put.get(HANG_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void getsRacingTheirTimeoutsLoseAndDuplicateNothing() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            int count = 400;
            Random random = new Random(42);
            Thread writer = new Thread(
                    () -> {
                        for (int i = 0; i < count; i++) {
                            if (random.nextInt(4) == 0) {
                                Thread.onSpinWait();
                                try {
                                    Thread.sleep(0, random.nextInt(200_000));
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            pipe.writer()
                                    .put(numbered(i, 1 + random.nextInt(64)))
                                    .join();
                        }
                    },
                    "direct-io-writer");
            writer.start();
            int next = 0;
            while (next < count) {
                try {
                    byte[] m = pipe.reader().get(Duration.ofNanos(50_000)).get(HANG_SECONDS, TimeUnit.SECONDS);
                    assertEquals(next, ByteBuffer.wrap(m).getInt(), "messages in order, none lost or repeated");
                    next++;
                } catch (ExecutionException e) {
                    assertInstanceOf(TimeoutException.class, e.getCause());
                }
            }
            writer.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
            assertFalse(pipe.reader().isLocked());
        }
    }

    @Test
    void aCancelledGetOnTheLoopThenADirectOneGetTheNextMessage() throws Exception {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcFuture<String> waiting = pipe.reader().get();
            assertTrue(waiting.cancel(true));
            pipe.writer().put("a").join();
            assertEquals("a", pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
            pipe.writer().put("b").join();
            assertEquals("b", pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
            assertThrowsCancellation(waiting);
        }
    }

    @Test
    void twoThreadsGettingFromOneReaderShareTheMessagesExactlyOnce() throws Exception {
        int perThread = 300;
        try (GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe()) {
            GipcReader<byte[]> reader = pipe.second();
            GipcWriter<byte[]> writer = pipe.first();
            boolean[] seen = new boolean[2 * perThread];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(2);
            for (int t = 0; t < 2; t++) {
                new Thread(
                                () -> {
                                    try {
                                        for (int i = 0; i < perThread; i++) {
                                            byte[] m = reader.get().get(HANG_SECONDS, TimeUnit.SECONDS);
                                            int n = ByteBuffer.wrap(m).getInt();
                                            synchronized (seen) {
                                                assertFalse(seen[n], "message " + n + " delivered twice");
                                                seen[n] = true;
                                            }
                                        }
                                    } catch (Throwable e) {
                                        failure.compareAndSet(null, e);
                                    } finally {
                                        done.countDown();
                                    }
                                },
                                "direct-io-reader-" + t)
                        .start();
            }
            for (int i = 0; i < 2 * perThread; i++) {
                writer.put(numbered(i, 4 + (i % 3) * 5000)).join();
            }
            assertTrue(done.await(HANG_SECONDS, TimeUnit.SECONDS));
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            for (int i = 0; i < seen.length; i++) {
                assertTrue(seen[i], "message " + i + " was lost");
            }
        }
    }

    @Test
    void aJoinedGetWaitsOnTheSocketAndReadsItsMessageOnTheCallersThread() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            byte[] first = numbered(1, 3);
            byte[] second = numbered(2, 70_000);
            try (BlockedLoop blocked = BlockedLoop.of(pipe.writer(), pipe.reader())) {
                // Made while the loop is busy: the get cannot have gone to the loop, so its caller waits on the socket.
                GipcFuture<byte[]> get = pipe.reader().get();
                assertFalse(get.isDone());
                Thread writer = putLater(pipe.writer(), first, second);
                assertArrayEquals(
                        first,
                        get.get(HANG_SECONDS, TimeUnit.SECONDS),
                        "read by the joining caller, though every loop is busy");
                GipcFuture<byte[]> next = pipe.reader().get();
                assertArrayEquals(second, next.join());
                writer.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
                assertFalse(pipe.reader().isLocked());
            }
            pipe.writer().put(numbered(3, 5)).join();
            assertArrayEquals(numbered(3, 5), pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aJoinedGetWaitingOnTheSocketKeepsItsTimeoutAndLosesNothing() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcFuture<byte[]> get;
            java.util.concurrent.CompletableFuture<Thread> completedOn = new java.util.concurrent.CompletableFuture<>();
            try (BlockedLoop blocked = BlockedLoop.of(pipe.writer(), pipe.reader())) {
                get = pipe.reader().get(Duration.ofMillis(50));
                get.whenComplete((v, e) -> completedOn.complete(Thread.currentThread()));
                // Its caller watches the socket until the get's time is up, then gives it to the loop, whose timer
                // fails it; the loop being busy, the caller's own wait ends first and the get is still pending.
                org.junit.jupiter.api.Assertions.assertThrows(
                        TimeoutException.class, () -> get.get(300, TimeUnit.MILLISECONDS));
                assertFalse(get.isDone(), "a get's timeout fires on its loop, not on the thread waiting for it");
            }
            // Waited for through another future: a thread blocked on the get itself may run its callbacks.
            Thread timedOutOn = completedOn.get(HANG_SECONDS, TimeUnit.SECONDS);
            assertTrue(timedOutOn != Thread.currentThread(), "timed out on the loop: " + timedOutOn);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> get.get(HANG_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertFalse(pipe.reader().isLocked());
            GipcFuture<byte[]> shortWait = pipe.reader().get(Duration.ofSeconds(HANG_SECONDS));
            // The caller stops waiting before the get's own timeout: the get stays pending, for the loop.
            org.junit.jupiter.api.Assertions.assertThrows(
                    TimeoutException.class, () -> shortWait.get(20, TimeUnit.MILLISECONDS));
            assertFalse(shortWait.isDone());
            pipe.writer().put(numbered(1, 9)).join();
            assertArrayEquals(numbered(1, 9), shortWait.get(HANG_SECONDS, TimeUnit.SECONDS));
            pipe.writer().put(numbered(2, 9)).join();
            assertArrayEquals(numbered(2, 9), pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aGetCancelledWhileItsCallerWaitsOnTheSocketThenASecondReaderGetTheNextMessages() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcFuture<byte[]> cancelled;
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Thread joiner;
            try (BlockedLoop blocked = BlockedLoop.of(pipe.writer(), pipe.reader())) {
                cancelled = pipe.reader().get();
                joiner = new Thread(
                        () -> {
                            try {
                                cancelled.join();
                            } catch (Throwable e) {
                                seen.set(e);
                            }
                        },
                        "direct-io-joiner");
                joiner.start();
                Thread.sleep(50); // the joiner waits on the socket by now (or soon: either way it must end cancelled)
                assertTrue(cancelled.cancel(true));
                joiner.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
                assertFalse(joiner.isAlive());
                assertInstanceOf(CancellationException.class, seen.get());
                assertFalse(pipe.reader().isLocked());

                // Now a caller waits on the socket with a second get queued behind its own.
                GipcFuture<byte[]> first = pipe.reader().get();
                AtomicReference<byte[]> firstMessage = new AtomicReference<>();
                Thread waiting = new Thread(() -> firstMessage.set(first.join()), "direct-io-first");
                waiting.start();
                Thread.sleep(20);
                GipcFuture<byte[]> second = pipe.reader().get();
                Thread writer = putLater(pipe.writer(), numbered(1, 6), numbered(2, 7));
                blocked.close();
                assertArrayEquals(numbered(2, 7), second.get(HANG_SECONDS, TimeUnit.SECONDS));
                waiting.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
                assertArrayEquals(numbered(1, 6), firstMessage.get(), "messages in order to their gets");
                writer.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
            }
            assertThrowsCancellation(cancelled);
            assertFalse(pipe.reader().isLocked());
        }
    }

    @Test
    void aMessageTornByThePeersDeathWhileReadDirectlyFailsItsGetAsInterrupted() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            // Made while the loop is busy, so that the joining caller waits on the socket and reads the torn bytes.
            BlockedLoop blocked = BlockedLoop.of(pipe.writer(), pipe.reader());
            GipcFuture<byte[]> get = pipe.reader().get();
            int fd = ((AbstractHandle<?>) pipe.writer()).fd();
            Thread peer = new Thread(
                    () -> {
                        try {
                            Thread.sleep(30);
                            byte[] torn = {0, 0, 0, 100, 1, 2, 3, 4, 5, 6, 7}; // 100 bytes announced, 7 sent
                            assertEquals(
                                    torn.length,
                                    io.gipc.netty.internal.posix.LibC.get().write(fd, torn, torn.length));
                            Thread.sleep(30);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            blocked.close(); // the loop takes over the bytes the caller read, and meets the end of the
                            // stream
                            pipe.writer().close();
                        }
                    },
                    "direct-io-dying-peer");
            peer.start();
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> get.get(HANG_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(io.gipc.GipcException.class, e.getCause());
            assertFalse(
                    e.getCause() instanceof io.gipc.GipcEofException,
                    e.getCause().toString());
            assertTrue(
                    e.getCause().getMessage().contains("after 7 of the 100 bytes"),
                    e.getCause().getMessage());
            peer.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
            assertFalse(pipe.reader().isLocked());
        }
    }

    /** Puts the messages one after the other from a new thread, after a short pause. */
    private static Thread putLater(GipcWriter<byte[]> writer, byte[]... messages) {
        Thread t = new Thread(
                () -> {
                    try {
                        Thread.sleep(30);
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (byte[] m : messages) {
                        writer.put(m).join();
                    }
                },
                "direct-io-late-writer");
        t.start();
        return t;
    }

    private static void assertThrowsCancellation(Future<?> f) throws Exception {
        try {
            f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (CancellationException expected) {
            return;
        }
        throw new AssertionError("the cancelled get completed");
    }

    /** A message of {@code size} bytes whose first 4 are {@code n}, the rest a pattern of it. */
    private static byte[] numbered(int n, int size) {
        byte[] m = new byte[Math.max(4, size)];
        for (int i = 4; i < m.length; i++) {
            m[i] = (byte) (n * 31 + i);
        }
        ByteBuffer.wrap(m).putInt(n);
        return m;
    }

    /** Every event loop that serves the given handles, each running a task that waits until closed. */
    private static final class BlockedLoop implements AutoCloseable {
        private final CountDownLatch release = new CountDownLatch(1);

        static BlockedLoop of(Object... handles) throws InterruptedException {
            BlockedLoop b = new BlockedLoop();
            List<EventLoop> loops = new ArrayList<>();
            for (Object h : handles) {
                EventLoop loop = ((AbstractHandle<?>) h).channel().eventLoop();
                if (!loops.contains(loop)) {
                    loops.add(loop);
                }
            }
            CountDownLatch started = new CountDownLatch(loops.size());
            for (EventLoop loop : loops) {
                loop.execute(() -> {
                    started.countDown();
                    try {
                        b.release.await(HANG_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(started.await(HANG_SECONDS, TimeUnit.SECONDS));
            return b;
        }

        @Override
        public void close() {
            release.countDown();
        }
    }
}
