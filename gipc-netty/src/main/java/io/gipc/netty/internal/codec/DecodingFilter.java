package io.gipc.netty.internal.codec;

import java.io.ObjectInputFilter;

/**
 * Which classes, and how much, a message may make the default codec build: a {@link ObjectInputFilter} made from
 * a pattern in the syntax of {@code jdk.serialFilter} ({@code com.example.*;java.util.*;!*}, with the limits
 * {@code maxdepth}, {@code maxrefs}, {@code maxarray} and {@code maxbytes}). It is asked about every class a message
 * names, every object it builds (with the depth, the references so far and the bytes read), and every array (with
 * its length); a class neither allowed nor refused by the pattern is allowed, as Java serialization does.
 */
final class DecodingFilter {
    /** The system property holding the filter of every pipe that has none of its own. */
    static final String PROPERTY = "io.gipc.decodingFilter";

    private final String pattern;
    private final ObjectInputFilter filter;

    private DecodingFilter(String pattern, ObjectInputFilter filter) {
        this.pattern = pattern;
        this.filter = filter;
    }

    /**
     * A filter from a pattern.
     *
     * @param pattern the pattern, in the syntax of {@code jdk.serialFilter}
     * @return the filter
     * @throws IllegalArgumentException if the pattern is malformed
     */
    static DecodingFilter of(String pattern) {
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter(pattern);
        if (filter == null) {
            throw new IllegalArgumentException("the decoding filter '" + pattern + "' is empty");
        }
        return new DecodingFilter(pattern, filter);
    }

    /**
     * The filter of this JVM, from the system property {@value #PROPERTY}, read at each call (it is cheap, and a
     * test may change it).
     *
     * @return the filter, or null if the property is not set
     * @throws IllegalArgumentException if the property holds a malformed pattern
     */
    static DecodingFilter ofThisJvm() {
        String pattern = System.getProperty(PROPERTY);
        if (pattern == null || pattern.isBlank()) {
            return null;
        }
        try {
            return of(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "system property " + PROPERTY + " is not a valid filter: " + e.getMessage(), e);
        }
    }

    /**
     * Asks the filter.
     *
     * @param type the class about to be built or named, or null
     * @param arrayLength the length of an array about to be created, or -1
     * @param depth how deep in the message the reader is
     * @param references how many objects were read so far
     * @param bytes how many bytes were read so far
     * @throws CorruptDataException naming the class and the pattern when the filter refuses
     */
    void check(Class<?> type, long arrayLength, long depth, long references, long bytes) throws CorruptDataException {
        ObjectInputFilter.Status status = filter.checkInput(new Info(type, arrayLength, depth, references, bytes));
        if (status == ObjectInputFilter.Status.REJECTED) {
            String what = type == null ? "it" : "class " + type.getName();
            throw new CorruptDataException(what + " is refused by the decoding filter '" + pattern + "' (depth "
                    + depth + ", " + references + " objects, " + bytes + " bytes read"
                    + (arrayLength >= 0 ? ", an array of " + arrayLength : "") + ")");
        }
    }

    @Override
    public String toString() {
        return pattern;
    }

    private record Info(Class<?> serialClass, long arrayLength, long depth, long references, long streamBytes)
            implements ObjectInputFilter.FilterInfo {}
}
