package io.gipc.netty.internal.codec;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Structural equality for round-trip checks: arrays element by element, records component by component,
 * exceptions by class, message, stack trace, cause and suppressed; everything else by {@code equals}. Throws an
 * AssertionError saying where the two differ. Free of JUnit so that a plain main can use it.
 */
final class Deep {
    private Deep() {}

    static void assertEqual(Object expected, Object actual) {
        compare(expected, actual, "value", 0);
    }

    private static void compare(Object expected, Object actual, String where, int depth) {
        if (depth > 1000) {
            throw new AssertionError(where + ": nested too deeply to compare (a cycle?)");
        }
        if (expected == null || actual == null) {
            if (expected != actual) {
                throw new AssertionError(where + ": expected " + expected + " but was " + describe(actual));
            }
            return;
        }
        if (expected.getClass().isArray()) {
            sameClass(expected, actual, where);
            int length = Array.getLength(expected);
            if (length != Array.getLength(actual)) {
                throw new AssertionError(where + ": length " + length + " but was " + Array.getLength(actual));
            }
            for (int i = 0; i < length; i++) {
                compare(Array.get(expected, i), Array.get(actual, i), where + "[" + i + "]", depth + 1);
            }
            return;
        }
        if (expected instanceof Throwable) {
            sameClass(expected, actual, where);
            Throwable e = (Throwable) expected;
            Throwable a = (Throwable) actual;
            equal(e.getMessage(), a.getMessage(), where + ".message");
            equal(Arrays.asList(e.getStackTrace()), Arrays.asList(a.getStackTrace()), where + ".stackTrace");
            compare(e.getCause(), a.getCause(), where + ".cause", depth + 1);
            compare(e.getSuppressed(), a.getSuppressed(), where + ".suppressed", depth + 1);
            return;
        }
        if (expected.getClass().isRecord()) {
            sameClass(expected, actual, where);
            for (RecordComponent component : expected.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    compare(
                            component.getAccessor().invoke(expected),
                            component.getAccessor().invoke(actual),
                            where + "." + component.getName(),
                            depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return;
        }
        if (expected instanceof List && actual instanceof List) {
            List<?> e = (List<?>) expected;
            List<?> a = (List<?>) actual;
            if (e.size() != a.size()) {
                throw new AssertionError(where + ": size " + e.size() + " but was " + a.size() + ": " + a);
            }
            Iterator<?> ai = a.iterator();
            int i = 0;
            for (Object element : e) {
                compare(element, ai.next(), where + "[" + i++ + "]", depth + 1);
            }
            return;
        }
        if (expected instanceof Map && actual instanceof Map || expected instanceof Set && actual instanceof Set) {
            equal(expected, actual, where);
            return;
        }
        equal(expected, actual, where);
    }

    private static void equal(Object expected, Object actual, String where) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(where + ": expected " + describe(expected) + " but was " + describe(actual));
        }
    }

    private static void sameClass(Object expected, Object actual, String where) {
        if (expected.getClass() != actual.getClass()) {
            throw new AssertionError(
                    where + ": expected a " + expected.getClass().getName() + " but was " + describe(actual));
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.getClass().isArray() ? value.getClass().getTypeName() : String.valueOf(value);
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...";
        }
        return text + " (" + value.getClass().getName() + ")";
    }
}
