package io.gipc.netty.internal.codec;

import io.gipc.Decoder;

/** {@link DefaultCodec#DECODER}: an enum, so that it stays a singleton whichever way it is serialized. */
enum DefaultDecoder implements Decoder<Object> {
    /** The only instance. */
    INSTANCE;

    @Override
    public Object decode(byte[] data) {
        return DefaultCodec.decode(data);
    }
}
