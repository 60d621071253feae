package io.gipc.netty.internal.codec;

import io.gipc.Decoder;

/**
 * The default decoder with a filter of its own ({@link DefaultCodec#decoder(String)}). It holds the filter's
 * pattern, which travels to a child with its handle; the filter itself is made again where it is used.
 */
final class FilteredDecoder implements Decoder<Object> {
    private static final long serialVersionUID = 1L;

    private final String pattern;
    private transient volatile DecodingFilter filter;

    FilteredDecoder(String pattern) {
        this.filter = DecodingFilter.of(pattern);
        this.pattern = pattern;
    }

    @Override
    public Object decode(byte[] data) {
        return DefaultCodec.read(data, null, filter());
    }

    /** The filter, made again after this decoder travelled to another JVM. */
    DecodingFilter filter() {
        DecodingFilter f = filter;
        if (f == null) {
            f = DecodingFilter.of(pattern);
            filter = f;
        }
        return f;
    }

    @Override
    public String toString() {
        return "the default decoder with the filter '" + pattern + "'";
    }
}
