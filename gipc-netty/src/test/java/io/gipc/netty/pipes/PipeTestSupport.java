package io.gipc.netty.pipes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * Helpers of the pipe tests: assertions on messages and handles' names, test messages. The tests wait with the
 * test kit's {@code Await}, bounded against hangs only: no test asserts on speed.
 */
final class PipeTestSupport {
    /** How long a test watches a future that must stay pending. */
    static final long STAYS_PENDING_MILLIS = 300;

    /** A megabyte as Python gipc's test suite counts it. */
    static final int MIB = 1 << 20;

    private PipeTestSupport() {}

    /** Asserts that a future stays pending for a while. */
    static void assertStaysPending(Future<?> future, String what) {
        sleep(STAYS_PENDING_MILLIS);
        assertFalse(future.isDone(), what + " should still be pending");
    }

    /** Asserts that a message names a number, as a number of its own (not as part of a longer one). */
    static void assertNamesNumber(long number, String message) {
        assertTrue(
                message != null
                        && Pattern.compile("(?<![0-9])" + number + "(?![0-9])")
                                .matcher(message)
                                .find(),
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
        assertTrue(
                message != null && message.contains(nameOf(handle)),
                "the exception should name " + nameOf(handle) + ": " + e);
    }

    /** Asserts that an exception's message does not name a handle. */
    static void assertDoesNotName(GipcHandle handle, Throwable e) {
        String message = e.getMessage();
        assertFalse(
                message != null && message.contains(nameOf(handle)),
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
}
