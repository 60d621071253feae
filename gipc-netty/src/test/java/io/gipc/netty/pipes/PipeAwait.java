package io.gipc.netty.pipes;

import io.gipc.GipcHandle;

import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waiting on futures in tests. Every wait is bounded by {@link #HANG_SECONDS}, a limit against hangs only: no test
 * asserts on speed.
 */
final class PipeAwait {
    /** How long a test waits for a future before it calls the wait a hang. */
    static final long HANG_SECONDS = 30;

    /** How long a test watches a future that must stay pending. */
    static final long STAYS_PENDING_MILLIS = 300;

    /** A megabyte as the seed's test suite counts it. */
    static final int MIB = 1 << 20;

    private PipeAwait() {
    }

    /** The value of a future that must succeed. */
    static <T> T await(Future<T> future) {
        try {
            return future.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionFailedError("the future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionFailedError("the future is still pending after " + HANG_SECONDS + " s");
        } catch (CancellationException e) {
            throw new AssertionFailedError("the future was cancelled", e);
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
        } catch (CancellationException e) {
            throw new AssertionFailedError("the future was cancelled; it should have failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted", e);
        }
        throw new AssertionFailedError("the future succeeded with " + describe(value) + "; it should have failed");
    }

    /** Asserts that a future fails with exactly this kind of exception (a subclass counts) and returns it. */
    static <X extends Throwable> X assertFails(Class<X> type, Future<?> future) {
        Throwable t = failure(future);
        if (!type.isInstance(t)) {
            throw new AssertionFailedError("expected the future to fail with " + type.getName() + " but it failed with "
                    + t, t);
        }
        return type.cast(t);
    }

    /** Asserts that a future stays pending for a while. */
    static void assertStaysPending(Future<?> future, String what) {
        sleep(STAYS_PENDING_MILLIS);
        assertFalse(future.isDone(), what + " should still be pending");
    }

    /** Asserts that a message names a number, as a number of its own (not as part of a longer one). */
    static void assertNamesNumber(long number, String message) {
        assertTrue(message != null && Pattern.compile("(?<![0-9])" + number + "(?![0-9])").matcher(message).find(),
                "the message should name " + number + ": " + message);
    }

    /**
     * A handle's name: its {@code toString()} without the trailing state in brackets (such as
     * {@code " [locked: 1 get() pending for 0.2 s]"}), which changes as the handle's operations end.
     */
    static String nameOf(GipcHandle handle) {
        return handle.toString().replaceFirst("\\s*\\[[^\\[\\]]*\\]$", "");
    }

    /** Asserts that an exception's message names a handle. */
    static void assertNames(GipcHandle handle, Throwable e) {
        String message = e.getMessage();
        assertTrue(message != null && message.contains(nameOf(handle)),
                "the exception should name " + nameOf(handle) + ": " + e);
    }

    /** Asserts that an exception's message does not name a handle. */
    static void assertDoesNotName(GipcHandle handle, Throwable e) {
        String message = e.getMessage();
        assertFalse(message != null && message.contains(nameOf(handle)),
                "the exception should not name " + nameOf(handle) + ": " + e);
    }

    /** Whether a throwable or one of its causes is of this type. */
    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** Bytes of a given length whose content tells messages apart: the index in the first four bytes, then noise. */
    static byte[] message(int index, int length) {
        byte[] b = new byte[length];
        new Random(index * 7919L + length).nextBytes(b);
        for (int i = 0; i < 4 && i < length; i++) {
            b[i] = (byte) (index >>> (24 - 8 * i));
        }
        return b;
    }

    /** Random bytes, as {@code os.urandom(n)}. */
    static byte[] randomBytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** {@code [1] * n}. */
    static List<Integer> ones(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(1);
        }
        return l;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted", e);
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
