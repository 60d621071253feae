package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.assertStaysPending;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * docs/api.md, Futures: {@code GipcFuture} is completed by gipc on its event loop; callers only read it. The completing
 * methods throw {@code UnsupportedOperationException}; {@code copy()} gives a future of one's own. {@code cancel} on
 * a pending {@code get()} withdraws that get: the handle is unlocked when {@code cancel} returns and no message is
 * lost. A {@code put()} cannot be cancelled. A handle is locked exactly while one of its {@code get()} or
 * {@code put()} futures is pending. Blocking on a pending future on an event-loop thread throws
 * {@code IllegalStateException}.
 */
@Timeout(60)
class GipcFutureContractTest {

    private static Map<String, Executable> completingMethods(GipcFuture<Object> f) {
        Map<String, Executable> m = new LinkedHashMap<>();
        m.put("complete", () -> f.complete("forged"));
        m.put("completeExceptionally", () -> f.completeExceptionally(new RuntimeException("forged")));
        m.put("completeAsync(supplier)", () -> f.completeAsync(() -> "forged"));
        m.put("completeAsync(supplier, executor)", () -> f.completeAsync(() -> "forged", ForkJoinPool.commonPool()));
        m.put("obtrudeValue", () -> f.obtrudeValue("forged"));
        m.put("obtrudeException", () -> f.obtrudeException(new RuntimeException("forged")));
        m.put("orTimeout", () -> f.orTimeout(1, TimeUnit.MILLISECONDS));
        m.put("completeOnTimeout", () -> f.completeOnTimeout("forged", 1, TimeUnit.MILLISECONDS));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static <T> GipcFuture<Object> loose(GipcFuture<T> f) {
        return (GipcFuture<Object>) (GipcFuture<?>) f;
    }

    @Test
    void onlyGipcCompletesAGetFuture() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcFuture<String> get = pipe.reader().get();
            completingMethods(loose(get))
                    .forEach((name, call) -> assertThrows(
                            UnsupportedOperationException.class, call, name + "() on a pending get() future"));
            assertStaysPending(get, "the get() whose completion was refused (orTimeout/completeOnTimeout included)");
            await(pipe.writer().put("real"));
            assertEquals("real", await(get));
            completingMethods(loose(get))
                    .forEach((name, call) -> assertThrows(
                            UnsupportedOperationException.class, call, name + "() on a done get() future"));
            assertEquals("real", await(get));
        }
    }

    @Test
    void onlyGipcCompletesAPutFuture() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcFuture<Void> put = pipe.writer().put(message(1, 10 * MIB));
            completingMethods(loose(put))
                    .forEach((name, call) -> assertThrows(
                            UnsupportedOperationException.class, call, name + "() on a pending put() future"));
            assertFalse(put.isDone());
            assertArrayEquals(message(1, 10 * MIB), await(pipe.reader().get()));
            assertNull(await(put));
        }
    }

    @Test
    void copyGivesAFutureOfYourOwn() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcFuture<String> get = pipe.reader().get();
            CompletableFuture<String> mine = get.copy();
            assertFalse(mine instanceof GipcFuture, "a plain CompletableFuture");
            assertTrue(mine.complete("mine"));
            CompletableFuture<String> cancelled = get.copy();
            assertTrue(cancelled.cancel(true));
            CompletableFuture<String> timed = get.copy().orTimeout(30, TimeUnit.SECONDS);
            CompletableFuture<String> dependent = get.thenApply(s -> s + "!");
            assertFalse(dependent instanceof GipcFuture, "dependent stages are plain futures");
            assertFalse(get.isDone(), "completing or cancelling a copy leaves the get() pending");
            assertTrue(pipe.reader().isLocked());

            await(pipe.writer().put("real"));
            assertEquals("real", await(get));
            assertEquals("real", await(timed));
            assertEquals("real!", await(dependent));
            assertEquals("mine", mine.join());
            assertTrue(cancelled.isCancelled());
        }
    }

    @Test
    void dependentStagesMayBeCompletedByTheirOwner() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcFuture<String> get = pipe.reader().get();
            CompletableFuture<Integer> length = get.thenApply(String::length);
            assertTrue(length.complete(-1));
            assertFalse(get.isDone());
            assertTrue(get.cancel(false));
        }
    }

    @Test
    void cancellingAPendingGetUnlocksTheHandleWhenCancelReturns() {
        GipcPipe<String> pipe = Gipc.pipe();
        GipcReader<String> reader = pipe.reader();
        GipcFuture<String> get = reader.get();
        assertTrue(reader.isLocked());
        assertTrue(get.cancel(false));
        assertFalse(reader.isLocked(), "unlocked as soon as cancel() returned");
        assertTrue(get.isCancelled());
        assertTrue(get.isDone());
        reader.close(); // would throw GipcLockedException if the get were still pending
        pipe.close();
    }

    @Test
    void aMessageThatArrivesAfterACancelGoesToTheNextGet() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcReader<String> reader = pipe.reader();
            GipcFuture<String> withdrawn = reader.get();
            GipcFuture<String> timedWithdrawn = reader.get(Duration.ofSeconds(30));
            assertTrue(withdrawn.cancel(true));
            assertTrue(timedWithdrawn.cancel(false));
            await(pipe.writer().put("first"));
            assertEquals("first", await(reader.get()));

            // of two pending gets, cancelling the first hands the next message to the second
            GipcFuture<String> a = reader.get();
            GipcFuture<String> b = reader.get();
            assertTrue(a.cancel(false));
            assertTrue(reader.isLocked(), "b is still pending");
            await(pipe.writer().put("second"));
            assertEquals("second", await(b));
            assertFalse(reader.isLocked());
        }
    }

    @Test
    void cancellingAGetWhileItsMessageArrivesLosesNothing() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcReader<byte[]> reader = pipe.reader();
            List<GipcFuture<Void>> puts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                byte[] m = message(i, i % 10 == 0 ? 256 * 1024 : 16 + i);
                GipcFuture<byte[]> get = reader.get();
                puts.add(pipe.writer().put(m));
                if (i % 3 == 1) {
                    Thread.onSpinWait();
                }
                if (get.cancel(false)) {
                    assertTrue(get.isCancelled());
                    assertArrayEquals(m, await(reader.get()), "message " + i + " goes to the next get()");
                } else {
                    assertArrayEquals(m, await(get), "message " + i + " went to the get() that could not be withdrawn");
                }
            }
            puts.forEach(Await::await);
        }
    }

    @Test
    void aPutCannotBeCancelled() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            byte[] big = message(2, 10 * MIB);
            GipcFuture<Void> put = pipe.writer().put(big);
            assertFalse(put.isDone(), "10 MiB do not fit into the socket buffers");
            assertFalse(put.cancel(true));
            assertFalse(put.cancel(false));
            assertFalse(put.isCancelled());
            assertTrue(pipe.writer().isLocked());
            assertArrayEquals(big, await(pipe.reader().get()), "the message is never torn");
            assertNull(await(put));
            assertFalse(put.isCancelled());
            assertFalse(put.cancel(true), "nor once done");
        }
    }

    @Test
    void aHandleIsLockedExactlyWhileAGetIsPending() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcReader<String> reader = pipe.reader();
            assertFalse(reader.isLocked());
            GipcFuture<String> first = reader.get();
            GipcFuture<String> second = reader.get();
            CompletableFuture<Boolean> lockedWhenFirstDone = first.handle((v, e) -> reader.isLocked());
            CompletableFuture<Boolean> lockedWhenSecondDone = second.handle((v, e) -> reader.isLocked());
            assertTrue(reader.isLocked());
            await(pipe.writer().put("one"));
            assertEquals("one", await(first));
            assertTrue(await(lockedWhenFirstDone), "the second get() is still pending");
            assertTrue(reader.isLocked());
            await(pipe.writer().put("two"));
            assertEquals("two", await(second));
            assertFalse(await(lockedWhenSecondDone), "unlocked by the time the last future completes");
            assertFalse(reader.isLocked());

            GipcFuture<String> timed = reader.get(Duration.ofMillis(50));
            CompletableFuture<Boolean> lockedWhenTimedOut = timed.handle((v, e) -> reader.isLocked());
            assertTrue(reader.isLocked());
            assertFalse(await(lockedWhenTimedOut), "unlocked by the time the timed-out future completes");

            GipcFuture<String> eof = reader.get();
            CompletableFuture<Boolean> lockedAtEof = eof.handle((v, e) -> reader.isLocked());
            pipe.writer().close();
            assertFalse(await(lockedAtEof), "unlocked by the time the future failed with EOF");
            assertFalse(reader.isLocked());
        }
    }

    @Test
    void aHandleIsLockedExactlyWhileAPutIsPending() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcWriter<byte[]> writer = pipe.writer();
            assertFalse(writer.isLocked());
            GipcFuture<Void> put = writer.put(message(3, 10 * MIB));
            CompletableFuture<Boolean> lockedWhenDone = put.handle((v, e) -> writer.isLocked());
            assertTrue(writer.isLocked());
            await(pipe.reader().get());
            await(put);
            assertFalse(await(lockedWhenDone), "unlocked by the time the put() future completes");
            assertFalse(writer.isLocked());
            for (int i = 0; i < 100; i++) {
                await(writer.put(message(i, 100)));
                assertFalse(writer.isLocked(), "unlocked once put " + i + " is done");
            }
            for (int i = 0; i < 100; i++) {
                await(pipe.reader().get());
            }
        }
    }

    @Test
    void aDuplexEndIsLockedWhileAnyOfItsOperationsIsPending() {
        try (GipcDuplexPipe<String> pipe = Gipc.duplexPipe()) {
            assertFalse(pipe.first().isLocked());
            GipcFuture<String> get = pipe.first().get();
            assertTrue(pipe.first().isLocked());
            assertFalse(pipe.second().isLocked());
            await(pipe.first().put("to second")); // a put while a get is pending on the same end
            assertTrue(pipe.first().isLocked(), "its get() is still pending");
            assertEquals("to second", await(pipe.second().get()));
            await(pipe.second().put("to first"));
            assertEquals("to first", await(get));
            assertFalse(pipe.first().isLocked());
            assertFalse(pipe.second().isLocked());
        }
    }

    @Test
    void blockingOnAPendingFutureFromTheEventLoopThrows() {
        try (GipcPipe<String> pipe = Gipc.pipe();
                GipcPipe<String> other = Gipc.pipe()) {
            await(other.writer().put("done"));
            GipcFuture<String> done = other.reader().get();
            assertEquals("done", await(done));
            GipcFuture<String> pending = other.reader().get(); // no second message is ever sent
            CompletableFuture<List<Object>> seen = new CompletableFuture<>();
            GipcFuture<String> trigger = pipe.reader().get();
            trigger.thenRun(() -> {
                // runs on the loop that completed trigger
                List<Object> outcomes = new ArrayList<>();
                try {
                    outcomes.add(outcome(() -> pending.get(2, TimeUnit.SECONDS)));
                    if (outcomes.get(0) instanceof IllegalStateException) { // not off the loop: the rest cannot hang
                        outcomes.add(outcome(pending::join));
                        outcomes.add(outcome(pending::get));
                        outcomes.add(outcome(done::join));
                    }
                    seen.complete(outcomes);
                } catch (Throwable t) {
                    seen.completeExceptionally(t);
                }
            });
            GipcFuture<Void> go = pipe.writer().put("go");
            List<Object> outcomes = await(seen);
            assertInstanceOf(IllegalStateException.class, outcomes.get(0), "get(timeout) on the loop");
            assertEquals(4, outcomes.size());
            assertInstanceOf(IllegalStateException.class, outcomes.get(1), "join() on the loop");
            assertInstanceOf(IllegalStateException.class, outcomes.get(2), "get() on the loop");
            assertEquals("done", outcomes.get(3), "a done future may be joined on the loop");
            assertFalse(pending.isDone());
            assertTrue(pending.cancel(false));
            assertDoesNotThrow(() -> await(trigger));
            await(go);
        }
    }

    private interface Call {
        Object call() throws Exception;
    }

    /** What a call returned, or what it threw. */
    private static Object outcome(Call call) {
        try {
            return call.call();
        } catch (Exception | Error e) {
            return e;
        }
    }
}
