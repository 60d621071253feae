package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.netty.pipes.PipeTestSupport.sleep;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 3: {@code get(Duration)} fails with {@code java.util.concurrent.TimeoutException} when no byte
 * of the next message arrived in time. Once its first byte arrived the timeout no longer applies: a message is never
 * torn. The handle stays usable after a timeout. Timers are the event loop's own.
 */
@Timeout(60)
class GetTimeoutBehaviourTest {

    @Test
    void getWithTimeoutFailsWithTimeoutExceptionAndTheHandleStaysUsable() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcReader<String> reader = pipe.reader();
            assertFails(TimeoutException.class, reader.get(Duration.ofMillis(50)));
            assertFalse(reader.isLocked(), "a timed-out get() no longer locks the reader");
            assertFalse(reader.isClosed());

            await(pipe.writer().put("after the timeout"));
            assertEquals("after the timeout", await(reader.get()));
            // and a timed get() that has its message in time succeeds
            await(pipe.writer().put("in time"));
            assertEquals("in time", await(reader.get(Duration.ofSeconds(30))));
        }
    }

    @Test
    void aMessageSentAfterSeveralTimeoutsGoesWholeToTheNextGet() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            for (int i = 0; i < 5; i++) {
                assertFails(TimeoutException.class, pipe.reader().get(Duration.ofMillis(20)));
            }
            byte[] m = message(3, 3 * MIB);
            GipcFuture<Void> put = pipe.writer().put(m);
            assertArrayEquals(m, await(pipe.reader().get()));
            await(put);
        }
    }

    @Test
    void aTimedGetQueuedBehindAnotherTimesOutAndLeavesTheFirstOneAlone() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcFuture<String> first = pipe.reader().get();
            GipcFuture<String> timed = pipe.reader().get(Duration.ofMillis(50));
            assertFails(TimeoutException.class, timed);
            assertFalse(first.isDone());
            assertTrue(pipe.reader().isLocked(), "the first get() is still pending");
            await(pipe.writer().put("a"));
            await(pipe.writer().put("b"));
            assertEquals("a", await(first));
            assertEquals("b", await(pipe.reader().get()), "the timed-out get() took nothing");
        }
    }

    @Test
    void aGetQueuedBehindATimedOutOneGetsTheNextMessage() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcFuture<String> timed = pipe.reader().get(Duration.ofMillis(50));
            GipcFuture<String> second = pipe.reader().get();
            assertFails(TimeoutException.class, timed);
            assertFalse(second.isDone());
            await(pipe.writer().put("a"));
            assertEquals("a", await(second));
            assertFalse(pipe.reader().isLocked());
        }
    }

    @Test
    void zeroOrNegativeTimeoutGivesUpAtOnceWhenNothingArrived() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            assertFails(TimeoutException.class, pipe.reader().get(Duration.ZERO));
            assertFails(TimeoutException.class, pipe.reader().get(Duration.ofMillis(-5)));
            assertFalse(pipe.reader().isLocked());
            await(pipe.writer().put("still usable"));
            assertEquals("still usable", await(pipe.reader().get()));
        }
    }

    @Test
    void nullTimeoutIsRefused() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            assertThrows(NullPointerException.class, () -> pipe.reader().get(null));
            assertFalse(pipe.reader().isLocked());
        }
    }

    @Test
    void onceTheFirstByteArrivedTheTimeoutNoLongerApplies() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            // 64 MiB cannot cross a socketpair in 5 ms; its first bytes are in the reader's socket buffer before
            // the get() is made
            byte[] big = message(9, 64 * MIB);
            GipcFuture<Void> put = pipe.writer().put(big);
            sleep(500);
            assertFalse(put.isDone(), "a 64 MiB put with no get() pending");
            byte[] got = await(pipe.reader().get(Duration.ofMillis(5)));
            assertArrayEquals(big, got, "the message arrives whole although it took longer than the timeout");
            assertNull(await(put));
            assertFalse(pipe.reader().isLocked());
        }
    }

    @Test
    void theTimeoutFiresOnTheEventLoop() {
        Thread testThread = Thread.currentThread();
        try (GipcPipe<String> pipe = Gipc.pipe();
                GipcPipe<String> other = Gipc.pipe()) {
            GipcFuture<String> neverCompletes = other.reader().get();
            // a callback attached after the timeout fired would run on this thread and tell nothing: try again then
            for (int attempt = 1; ; attempt++) {
                CompletableFuture<Object> blockingRefused = new CompletableFuture<>();
                GipcFuture<String> timed = pipe.reader().get(Duration.ofSeconds(3));
                timed.whenComplete((value, failure) -> {
                    if (Thread.currentThread() == testThread) {
                        blockingRefused.complete(testThread);
                        return;
                    }
                    try {
                        // bounded: if this callback runs off the loop it does not hang, it times out
                        neverCompletes.get(2, TimeUnit.SECONDS);
                        blockingRefused.complete(null);
                    } catch (Throwable t) {
                        blockingRefused.complete(t);
                    }
                });
                // Wait on the callback's outcome, not on the get: a thread waiting in a CompletableFuture's join
                // helps run its callbacks when it wakes, racing the loop that completed it.
                Object outcome = await(blockingRefused);
                assertFails(TimeoutException.class, timed);
                if (outcome == testThread && attempt < 5) {
                    continue;
                }
                assertInstanceOf(
                        IllegalStateException.class,
                        outcome,
                        "the timeout completes the future on a gipc event-loop thread, where blocking is refused");
                break;
            }
            assertTrue(neverCompletes.cancel(false));
        }
    }
}
