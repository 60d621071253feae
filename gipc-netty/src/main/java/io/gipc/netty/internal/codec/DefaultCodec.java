package io.gipc.netty.internal.codec;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcCodecException;
import io.protostuff.GraphIOUtil;
import io.protostuff.LinkedBuffer;
import io.protostuff.Schema;
import io.protostuff.runtime.RuntimeSchema;

/** Interim default codec (Protostuff graph mode over a holder); replaced by the full codec. */
public final class DefaultCodec {
    /** The default encoder. */
    public static final Encoder<Object> ENCODER = DefaultCodec::encode;
    /** The default decoder. */
    public static final Decoder<Object> DECODER = DefaultCodec::decode;

    private static final Schema<Holder> SCHEMA = RuntimeSchema.getSchema(Holder.class);

    private DefaultCodec() {
    }

    /** Holds the value so that any type, null included, is a field of one known class. */
    static final class Holder {
        Object value;
    }

    /**
     * @param value any value
     * @return its bytes
     */
    public static byte[] encode(Object value) {
        Holder h = new Holder();
        h.value = value;
        try {
            return GraphIOUtil.toByteArray(h, SCHEMA, LinkedBuffer.allocate(512));
        } catch (RuntimeException e) {
            throw new GipcCodecException("cannot encode a value of type "
                    + (value == null ? "null" : value.getClass().getName()) + ": " + e, e);
        }
    }

    /**
     * @param data bytes from {@link #encode(Object)}
     * @return the value
     */
    public static Object decode(byte[] data) {
        Holder h = SCHEMA.newMessage();
        try {
            GraphIOUtil.mergeFrom(data, h, SCHEMA);
        } catch (RuntimeException e) {
            throw new GipcCodecException("cannot decode " + data.length + " bytes: " + e, e);
        }
        return h.value;
    }
}
