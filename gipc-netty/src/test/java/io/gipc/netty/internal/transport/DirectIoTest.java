package io.gipc.netty.internal.transport;

import io.gipc.Gipc;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            GipcFuture<byte[]> get = pipe.reader().get();  // reads what is there directly, the loop the rest
            assertArrayEquals(big, get.get(HANG_SECONDS, TimeUnit.SECONDS));
            put.get(HANG_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void getsRacingTheirTimeoutsLoseAndDuplicateNothing() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            int count = 400;
            Random random = new Random(42);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    if (random.nextInt(4) == 0) {
                        Thread.onSpinWait();
                        try {
                            Thread.sleep(0, random.nextInt(200_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    pipe.writer().put(numbered(i, 1 + random.nextInt(64))).join();
                }
            }, "direct-io-writer");
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
                new Thread(() -> {
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
                }, "direct-io-reader-" + t).start();
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
