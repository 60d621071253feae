package io.gipc.stress;

import org.opentest4j.AssertionFailedError;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits. Every limit here is against hangs only: no test asserts on speed, and a limit is reached only
 * when something is broken.
 */
final class Await {
    /** How long one wait may take before the test calls it a hang. */
    static final long HANG_SECONDS = 120;

    private Await() {
    }

    /** The value of a future that must succeed. */
    static <T> T await(Future<T> future) {
        try {
            return future.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionFailedError("the future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionFailedError("the future is still pending after " + HANG_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted", e);
        }
    }

    /** Why a future that must fail failed: the cause, unwrapped from {@link ExecutionException}. */
    static Throwable failure(Future<?> future) {
        Object value;
        try {
            value = future.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionFailedError("the future is still pending after " + HANG_SECONDS
                    + " s; it should have failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted", e);
        }
        throw new AssertionFailedError("the future succeeded with " + value + "; it should have failed");
    }

    /**
     * Polls until a condition holds, for state that changes without a future to wait on (a descriptor an event
     * loop closes, a process the kernel removes).
     *
     * @param condition what must become true
     * @param what what is still the case while it is not, for the failure message
     */
    static void until(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("after " + HANG_SECONDS + " s, " + what.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted", e);
            }
        }
    }
}
