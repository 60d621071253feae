package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.testkit.Await;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Gets made off the event loop that find nothing in the socket are deferred: the loop is not told of them, since
 * their callers usually block on them and read their messages themselves. Each promise still holds: a get nobody
 * waits on completes by itself, a callback chained later runs on the loop, a look at the future tells the loop, a
 * timed get times out, a cancelled one leaves the next message to the next get, and gets keep their order. Every
 * wait is bounded against hangs only; nothing here measures speed.
 */
@Timeout(120)
class DeferredGetsTest {
    private static final long HANG_SECONDS = 30;

    @Test
    void aGetItsCallerBlocksOnIsLeftToTheCallerAndTheLoopNeverTakesIt() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            EventLoop loop = loopOf(reader);
            PendingGet<byte[]> get;
            LoopBlock second;
            try (LoopBlock first = LoopBlock.start(loop)) {
                get = (PendingGet<byte[]>) reader.get(); // nothing there
                second = LoopBlock.post(loop); // runs once the loop has run everything the get gave it
            }
            try (second) {
                second.awaitStarted();
                // Before, the get's task had the loop take it in (and read for it) by now.
                assertTrue(get.claimForCaller(), "the loop has not taken the get in");
                get.releaseFromCaller();
                byte[] message = {7, 8};
                pipe.writer().put(message).join();
                assertArrayEquals(
                        message,
                        get.get(HANG_SECONDS, TimeUnit.SECONDS),
                        "read by the thread blocked on it, its loop busy all the while");
                assertFalse(reader.isLocked());
                assertTrue(inbound(reader).defersGets());
            }
        }
    }

    @Test
    void aGetNobodyWaitsOnStillCompletesByItselfAndTheReaderStopsDeferringUntilAThreadBlocks() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            GipcFuture<byte[]> get = reader.get();
            CompletableFuture<Void> all = CompletableFuture.allOf(get); // nothing gipc can see
            pipe.writer().put(new byte[] {1}).join();
            all.get(HANG_SECONDS, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {1}, get.getNow(null));
            assertFalse(inbound(reader).defersGets(), "its reader's next gets go to the loop at once");

            GipcFuture<byte[]> told = reader.get();
            CompletableFuture<Void> allToo = CompletableFuture.allOf(told);
            pipe.writer().put(new byte[] {2}).join();
            allToo.get(HANG_SECONDS, TimeUnit.SECONDS);

            GipcFuture<byte[]> joined = reader.get();
            pipe.writer().put(new byte[] {3}).join();
            assertArrayEquals(new byte[] {3}, joined.get(HANG_SECONDS, TimeUnit.SECONDS));
            assertTrue(inbound(reader).defersGets(), "a thread blocked on a get: deferring pays again");

            reader.get(); // never looked at: it still takes its message, and unlocks the reader
            pipe.writer().put(new byte[] {4}).join();
            Await.until(() -> !reader.isLocked(), () -> "the get nobody looks at took its message");
            pipe.writer().put(new byte[] {5}).join();
            assertArrayEquals(new byte[] {5}, reader.get().get(HANG_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCallbackChainedLaterTellsTheLoopWhichCompletesTheGetAndRunsIt() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            EventLoop loop = loopOf(reader);
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            try (LoopBlock blocked = LoopBlock.start(loop)) {
                GipcFuture<byte[]> get = reader.get(); // deferred
                pipe.writer().put(new byte[] {9}).join(); // waits in the socket: nobody reads it yet
                get.thenAccept(m -> ranOn.complete(m[0] == 9 ? Thread.currentThread() : null));
            } // the loop then serves the get before any sweep could take it in
            Thread thread = ranOn.get(HANG_SECONDS, TimeUnit.SECONDS);
            assertTrue(thread != null && loop.inEventLoop(thread), "ran on the loop: " + thread);
            assertTrue(inbound(reader).defersGets(), "the callback told the loop; no sweep had to");
        }
    }

    @Test
    void aLookAtADeferredGetTellsTheLoop() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            GipcFuture<byte[]> polled;
            GipcFuture<byte[]> peeked;
            try (LoopBlock blocked = LoopBlock.start(loopOf(reader))) {
                polled = reader.get();
                assertFalse(polled.isDone());
            }
            pipe.writer().put(new byte[] {1}).join();
            Await.until(polled::isDone, () -> "the polled get completed");
            assertArrayEquals(new byte[] {1}, polled.getNow(null));
            assertTrue(inbound(reader).defersGets(), "isDone() told the loop; no sweep had to");
            try (LoopBlock blocked = LoopBlock.start(loopOf(reader))) {
                peeked = reader.get();
                assertNull(peeked.getNow(null));
            }
            pipe.writer().put(new byte[] {2}).join();
            Await.until(() -> !peeked.isCompletedExceptionally() && peeked.getNow(null) != null, () -> "peeked");
            assertArrayEquals(new byte[] {2}, peeked.getNow(null));
            assertTrue(inbound(reader).defersGets(), "getNow() told the loop; no sweep had to");
        }
    }

    @Test
    void aTimedGetNobodyWaitsOnStillTimesOutAndTheNextGetTakesTheNextMessage() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            GipcFuture<byte[]> timed = reader.get(Duration.ofMillis(50));
            CompletableFuture<Void> all = CompletableFuture.allOf(timed);
            ExecutionException e =
                    assertThrows(ExecutionException.class, () -> all.get(HANG_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertFalse(reader.isLocked());
            pipe.writer().put(new byte[] {3}).join();
            assertArrayEquals(new byte[] {3}, reader.get().get(HANG_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCancelledDeferredGetLeavesItsMessageToAGetOfAnotherThread() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            GipcFuture<byte[]> cancelled = reader.get();
            assertTrue(cancelled.cancel(true));
            assertFalse(reader.isLocked());
            pipe.writer().put(new byte[] {4}).join();
            byte[] got =
                    CompletableFuture.supplyAsync(() -> reader.get().join()).get(HANG_SECONDS, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {4}, got);
            assertTrue(cancelled.isCancelled());
        }
    }

    @Test
    void aDeferredGetAndOneMadeAfterItOnAnotherThreadGetTheirMessagesInOrder() throws Exception {
        for (int round = 0; round < 50; round++) {
            try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
                GipcReader<byte[]> reader = pipe.reader();
                GipcFuture<byte[]> first = reader.get(); // deferred
                GipcFuture<byte[]> second = CompletableFuture.supplyAsync(reader::get)
                        .get(HANG_SECONDS, TimeUnit.SECONDS); // the loop is told of both, in order
                CompletableFuture<byte[]> firstJoined = CompletableFuture.supplyAsync(first::join);
                pipe.writer().put(new byte[] {1}).join();
                pipe.writer().put(new byte[] {2}).join();
                assertArrayEquals(new byte[] {2}, second.get(HANG_SECONDS, TimeUnit.SECONDS), "round " + round);
                assertArrayEquals(new byte[] {1}, firstJoined.get(HANG_SECONDS, TimeUnit.SECONDS), "round " + round);
            }
        }
    }

    private static EventLoop loopOf(Object handle) {
        return ((AbstractHandle<?>) handle).channel().eventLoop();
    }

    private static Inbound<?> inbound(Object handle) {
        return ((AbstractHandle<?>) handle).inbound();
    }

    /** A task that keeps a loop busy until closed, so that what others give the loop meanwhile waits. */
    private static final class LoopBlock implements AutoCloseable {
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        /** Posts the task; it runs after what the loop has already been given. */
        static LoopBlock post(EventLoop loop) {
            LoopBlock b = new LoopBlock();
            loop.execute(() -> {
                b.started.countDown();
                try {
                    b.release.await(HANG_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return b;
        }

        /** Posts the task and waits until it runs. */
        static LoopBlock start(EventLoop loop) throws InterruptedException {
            LoopBlock b = post(loop);
            b.awaitStarted();
            return b;
        }

        void awaitStarted() throws InterruptedException {
            assertTrue(started.await(HANG_SECONDS, TimeUnit.SECONDS), "the loop ran the blocking task");
        }

        @Override
        public void close() {
            release.countDown();
        }
    }
}
