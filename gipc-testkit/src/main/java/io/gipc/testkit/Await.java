package io.gipc.testkit;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Bounded waits for tests: the value of a future that must succeed, the failure of one that must fail, a condition
 * that must become true. A wait that runs out fails the test with an {@link AssertionFailedError} saying what was
 * still pending, instead of hanging.
 *
 * <pre>{@code
 * pipe.writer().put("hello");
 * assertEquals("hello", Await.await(pipe.reader().get()));
 * assertInstanceOf(GipcEofException.class, Await.failure(pipe.reader().get()));
 * }</pre>
 *
 * <p>The limit is against hangs only, never an expectation of speed: {@link #DEFAULT_TIMEOUT}, or the system
 * property {@value #TIMEOUT_PROPERTY} (a duration such as {@code 120 s}) for a slow machine or a heavy suite.
 */
public final class Await {
    /** The system property that sets how long a wait without a timeout of its own waits, e.g. {@code 120 s}. */
    public static final String TIMEOUT_PROPERTY = "gipc.testkit.await";
    /** How long a wait waits when {@value #TIMEOUT_PROPERTY} is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How often {@link #until} looks at its condition. */
    private static final long POLL_MILLIS = 20;

    private Await() {}

    /**
     * How long a wait without a timeout of its own waits.
     *
     * @return the system property {@value #TIMEOUT_PROPERTY} if set, else {@link #DEFAULT_TIMEOUT}
     * @throws IllegalArgumentException if the property is not a duration
     */
    public static Duration timeout() {
        String configured = System.getProperty(TIMEOUT_PROPERTY);
        return configured == null || configured.isBlank()
                ? DEFAULT_TIMEOUT
                : DurationParameter.parse(TIMEOUT_PROPERTY, configured);
    }

    /**
     * The value of a future that must succeed, waited for at most {@link #timeout()}.
     *
     * @param <T> the type of the value
     * @param future the future
     * @return its value
     * @throws AssertionFailedError if it failed, was cancelled, or is still pending when the time is up
     */
    public static <T> T await(Future<T> future) {
        return await(future, timeout());
    }

    /**
     * The value of a future that must succeed.
     *
     * @param <T> the type of the value
     * @param future the future
     * @param timeout how long to wait at most
     * @return its value
     * @throws AssertionFailedError if it failed, was cancelled, or is still pending when the time is up
     */
    public static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionFailedError("the future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionFailedError("the future is still pending after " + TimeLimit.format(timeout));
        } catch (CancellationException e) {
            throw new AssertionFailedError("the future was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted", e);
        }
    }

    /**
     * Why a future that must fail failed, waited for at most {@link #timeout()}.
     *
     * @param future the future
     * @return its failure, unwrapped from the {@link ExecutionException}
     * @throws AssertionFailedError if it succeeded, was cancelled, or is still pending when the time is up
     */
    public static Throwable failure(Future<?> future) {
        return failure(future, timeout());
    }

    /**
     * Why a future that must fail failed.
     *
     * @param future the future
     * @param timeout how long to wait at most
     * @return its failure, unwrapped from the {@link ExecutionException}
     * @throws AssertionFailedError if it succeeded, was cancelled, or is still pending when the time is up
     */
    public static Throwable failure(Future<?> future, Duration timeout) {
        Object value;
        try {
            value = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionFailedError(
                    "the future is still pending after " + TimeLimit.format(timeout) + "; it should have failed");
        } catch (CancellationException e) {
            throw new AssertionFailedError("the future was cancelled; it should have failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted", e);
        }
        throw new AssertionFailedError("the future succeeded with " + describe(value) + "; it should have failed");
    }

    /**
     * Asserts that a future fails with an exception of a type (or a subclass), waited for at most
     * {@link #timeout()}.
     *
     * @param <X> the type
     * @param type the type
     * @param future the future
     * @return its failure
     * @throws AssertionFailedError if it did not fail, or failed with another type
     */
    public static <X extends Throwable> X assertFails(Class<X> type, Future<?> future) {
        Throwable t = failure(future);
        if (!type.isInstance(t)) {
            throw new AssertionFailedError(
                    "expected the future to fail with " + type.getName() + " but it failed with " + t, t);
        }
        return type.cast(t);
    }

    /**
     * Waits until a condition holds, for state that changes without a future to wait on (a descriptor an event
     * loop closes, a process the kernel removes); at most {@link #timeout()}.
     *
     * @param condition what must become true
     * @param what what is still the case while it is not, for the failure message
     * @throws AssertionFailedError if it is still false when the time is up
     */
    public static void until(BooleanSupplier condition, Supplier<String> what) {
        until(condition, timeout(), what);
    }

    /**
     * Waits until a condition holds.
     *
     * @param condition what must become true
     * @param timeout how long to wait at most
     * @param what what is still the case while it is not, for the failure message
     * @throws AssertionFailedError if it is still false when the time is up
     */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionFailedError("after " + TimeLimit.format(timeout) + ", " + what.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted", e);
            }
        }
    }

    private static String describe(Object value) {
        if (value instanceof byte[]) {
            return "byte[" + ((byte[]) value).length + "]";
        }
        String s = String.valueOf(value);
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
