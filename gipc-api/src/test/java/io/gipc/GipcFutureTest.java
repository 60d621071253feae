package io.gipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GipcFutureTest {
    /** A future whose "event loop" is whatever the test says. */
    static final class TestFuture<T> extends GipcFuture<T> {
        volatile boolean onLoop;

        @Override
        protected boolean isEventLoopThread() {
            return onLoop;
        }
    }

    @Test
    void callersCannotCompleteIt() {
        TestFuture<String> f = new TestFuture<>();
        assertThrows(UnsupportedOperationException.class, () -> f.complete("x"));
        assertThrows(UnsupportedOperationException.class, () -> f.completeExceptionally(new RuntimeException()));
        assertThrows(UnsupportedOperationException.class, () -> f.completeAsync(() -> "x"));
        assertThrows(UnsupportedOperationException.class, () -> f.completeAsync(() -> "x", Runnable::run));
        assertThrows(UnsupportedOperationException.class, () -> f.obtrudeValue("x"));
        assertThrows(UnsupportedOperationException.class, () -> f.obtrudeException(new RuntimeException()));
        assertThrows(UnsupportedOperationException.class, () -> f.orTimeout(1, TimeUnit.SECONDS));
        assertThrows(UnsupportedOperationException.class, () -> f.completeOnTimeout("x", 1, TimeUnit.SECONDS));
        assertFalse(f.isDone());
    }

    @Test
    void notCancellableUnlessTheOperationSaysSo() {
        TestFuture<String> f = new TestFuture<>();
        assertFalse(f.cancel(true));
        assertFalse(f.isDone());
    }

    @Test
    void dependentStagesAndCopiesArePlainFutures() throws Exception {
        TestFuture<String> f = new TestFuture<>();
        CompletableFuture<Integer> length = f.thenApply(String::length);
        CompletableFuture<String> copy = f.copy();
        assertEquals(CompletableFuture.class, length.getClass());
        assertEquals(CompletableFuture.class, copy.getClass());
        assertNotSame(f, copy);
        assertTrue(copy.complete("mine"), "a copy is the caller's own");
        assertFalse(f.isDone(), "completing the copy leaves the original alone");
        f.succeed("gipc");
        assertEquals(4, length.get(1, TimeUnit.SECONDS));
        assertEquals("gipc", f.join());
        assertSame(f, f.toCompletableFuture());
    }

    @Test
    void blockingOnAPendingFutureFromTheLoopIsRefused() {
        TestFuture<String> f = new TestFuture<>();
        f.onLoop = true;
        assertThrows(IllegalStateException.class, f::join);
        assertThrows(IllegalStateException.class, f::get);
        assertThrows(IllegalStateException.class, () -> f.get(1, TimeUnit.SECONDS));
        f.succeed("done");
        assertEquals("done", f.join(), "a completed future may be read anywhere");
    }

    @Test
    void theImplementationCompletesAndCancels() {
        TestFuture<String> failed = new TestFuture<>();
        assertTrue(failed.fail(new GipcException("boom")));
        assertTrue(failed.isCompletedExceptionally());
        TestFuture<String> cancelled = new TestFuture<>();
        assertTrue(cancelled.markCancelled());
        assertTrue(cancelled.isCancelled());
    }
}
