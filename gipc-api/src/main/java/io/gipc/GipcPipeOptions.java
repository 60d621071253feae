package io.gipc;

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
    private static final GipcPipeOptions DEFAULTS = new GipcPipeOptions(Integer.MAX_VALUE - 8);

    private final int maxMessageLength;

    private GipcPipeOptions(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * The defaults: messages up to the largest Java array ({@code Integer.MAX_VALUE - 8} bytes).
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
            throw new IllegalArgumentException("maxMessageLength must be between 0 and "
                    + DEFAULTS.maxMessageLength + ", got " + bytes);
        }
        return new GipcPipeOptions(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GipcPipeOptions && ((GipcPipeOptions) o).maxMessageLength == maxMessageLength;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(maxMessageLength);
    }

    @Override
    public String toString() {
        return "GipcPipeOptions[maxMessageLength=" + maxMessageLength + "]";
    }
}
