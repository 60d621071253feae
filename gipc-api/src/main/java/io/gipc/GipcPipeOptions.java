package io.gipc;

import java.io.ObjectInputFilter;
import java.util.Objects;

/**
 * Options of one pipe, given to the {@code Gipc.pipe(...)} overloads that take them.
 *
 * <pre>{@code
 * GipcPipe<byte[]> p = Gipc.rawPipe(GipcPipeOptions.defaults().withMaxMessageLength(1 << 20));
 * }</pre>
 *
 * <p>Immutable; each {@code with...} returns a new instance.
 */
public final class GipcPipeOptions {
    private static final GipcPipeOptions DEFAULTS = new GipcPipeOptions(Integer.MAX_VALUE - 8, null);

    private final int maxMessageLength;
    private final String decodingFilter;

    private GipcPipeOptions(int maxMessageLength, String decodingFilter) {
        this.maxMessageLength = maxMessageLength;
        this.decodingFilter = decodingFilter;
    }

    /**
     * The defaults: messages up to the largest Java array ({@code Integer.MAX_VALUE - 8} bytes), and the default
     * codec's decoding filter of the JVM (none unless the system property {@code io.gipc.decodingFilter} sets
     * one).
     *
     * @return the default options
     */
    public static GipcPipeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The largest payload a reader of this pipe accepts. A frame whose length header is negative or above it
     * fails that {@code get()} and every later one with a {@link GipcException} naming the length.
     *
     * @return the limit in bytes
     */
    public int maxMessageLength() {
        return maxMessageLength;
    }

    /**
     * Options with another reader limit.
     *
     * @param bytes the largest payload accepted, from 0 to {@code Integer.MAX_VALUE - 8}
     * @return new options
     * @throws IllegalArgumentException if {@code bytes} is out of range
     */
    public GipcPipeOptions withMaxMessageLength(int bytes) {
        if (bytes < 0 || bytes > DEFAULTS.maxMessageLength) {
            throw new IllegalArgumentException(
                    "maxMessageLength must be between 0 and " + DEFAULTS.maxMessageLength + ", got " + bytes);
        }
        return new GipcPipeOptions(bytes, decodingFilter);
    }

    /**
     * The classes the default codec may build when it decodes a message of this pipe, as a pattern in the syntax
     * of {@code jdk.serialFilter} ({@link ObjectInputFilter.Config#createFilter}); null when the pipe follows the
     * JVM's filter, the system property {@code io.gipc.decodingFilter}, which sets none by default.
     *
     * @return the pattern, or null
     */
    public String decodingFilter() {
        return decodingFilter;
    }

    /**
     * Options that restrict what the default codec builds from a message of this pipe, instead of the JVM's filter.
     * Like Python's pickle, the default codec trusts its peer: a message may name any class on the reader's class
     * path. A filter is asked about every class a message names, every object it builds and every array it
     * creates; a message it refuses fails that {@code get()} with a {@link GipcCodecException} naming the class,
     * and the next {@code get()} works. The pattern is that of {@code jdk.serialFilter}: for instance
     * {@code "com.example.msg.*;java.util.*;java.lang.*;!*"} allows the classes of those packages and refuses the
     * rest, {@code "maxdepth=20;maxrefs=10000"} limits depth and size. A class the pattern does not decide on is
     * allowed, so end an allow-list with {@code !*}. Strings, boxes and primitive values are not classes a message
     * names and are always allowed. The filter travels with a handle transferred to a child process.
     *
     * <pre>{@code
     * GipcPipe<Order> p = Gipc.pipe(GipcPipeOptions.defaults()
     *         .withDecodingFilter("com.example.orders.*;java.util.*;java.time.*;!*"));
     * }</pre>
     *
     * <p>Only pipes using the default codec have a decoding filter: a raw pipe or one with your own decoder
     * refuses these options with an {@link IllegalArgumentException}.
     *
     * @param pattern the filter, in the syntax of {@code jdk.serialFilter}; null to follow the JVM's filter again
     * @return new options
     * @throws IllegalArgumentException if the pattern is empty or malformed
     */
    public GipcPipeOptions withDecodingFilter(String pattern) {
        if (pattern != null && ObjectInputFilter.Config.createFilter(pattern) == null) {
            throw new IllegalArgumentException("the decoding filter '" + pattern + "' is empty");
        }
        return new GipcPipeOptions(maxMessageLength, pattern);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GipcPipeOptions
                && ((GipcPipeOptions) o).maxMessageLength == maxMessageLength
                && Objects.equals(((GipcPipeOptions) o).decodingFilter, decodingFilter);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(maxMessageLength) + Objects.hashCode(decodingFilter);
    }

    @Override
    public String toString() {
        return "GipcPipeOptions[maxMessageLength=" + maxMessageLength
                + (decodingFilter != null ? ", decodingFilter=" + decodingFilter : "") + "]";
    }
}
