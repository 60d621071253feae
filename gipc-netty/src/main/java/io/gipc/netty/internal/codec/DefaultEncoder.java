package io.gipc.netty.internal.codec;

import io.gipc.Encoder;

/** {@link DefaultCodec#ENCODER}: an enum, so that it stays a singleton whichever way it is serialized. */
enum DefaultEncoder implements Encoder<Object> {
    /** The only instance. */
    INSTANCE;

    @Override
    public byte[] encode(Object value) {
        return DefaultCodec.encode(value);
    }
}
