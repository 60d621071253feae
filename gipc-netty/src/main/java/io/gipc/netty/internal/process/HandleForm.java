package io.gipc.netty.internal.process;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcHandle;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.transport.HandleTransfer;

import java.util.List;

/**
 * What a child needs to rebuild one transferred handle, as it travels: the parts of a
 * {@link HandleTransfer.HandleDescriptor}, with the default codec named rather than shipped (the child uses its
 * own) and a custom codec shipped like a target. A plain class so that any codec carries it.
 */
public final class HandleForm {
    /** The handle's codec is the default codec. */
    static final int CODEC_DEFAULT = 0;
    /** The handle carries raw {@code byte[]}. */
    static final int CODEC_RAW = 1;
    /** The handle has a codec of the user's, shipped with {@link FunctionShipping}. */
    static final int CODEC_CUSTOM = 2;

    String kind;
    int maxMessageLength;
    byte[] unreadBytes;
    int codec;
    byte[] encoder;
    byte[] decoder;

    /** For codecs. */
    public HandleForm() {
    }

    /**
     * Parent side.
     *
     * @param d the descriptor of a prepared handle
     * @param what the handle, for messages
     * @param handles handles found so far (a custom codec's lambda might capture one)
     * @return the form
     * @throws io.gipc.GipcException if a custom codec cannot be shipped
     */
    static HandleForm of(HandleTransfer.HandleDescriptor d, String what, List<GipcHandle> handles) {
        HandleForm f = new HandleForm();
        f.kind = d.kind().name();
        f.maxMessageLength = d.maxMessageLength();
        f.unreadBytes = d.unreadBytes() == null ? new byte[0] : d.unreadBytes();
        if (d.encoder() == null && d.decoder() == null) {
            f.codec = CODEC_RAW;
        } else if ((d.encoder() == null || d.encoder() == DefaultCodec.ENCODER)
                && (d.decoder() == null || d.decoder() == DefaultCodec.DECODER)) {
            f.codec = CODEC_DEFAULT;
        } else {
            f.codec = CODEC_CUSTOM;
            f.encoder = d.encoder() == null ? null : FunctionShipping.encode(d.encoder(), "the encoder of " + what,
                    handles);
            f.decoder = d.decoder() == null ? null : FunctionShipping.encode(d.decoder(), "the decoder of " + what,
                    handles);
        }
        return f;
    }

    /**
     * Child side.
     *
     * @param handles handles rebuilt so far (for a codec that captured one)
     * @return the descriptor to adopt
     * @throws Exception if a custom codec cannot be rebuilt
     */
    public HandleTransfer.HandleDescriptor toDescriptor(List<GipcHandle> handles) throws Exception {
        HandleTransfer.Kind k = HandleTransfer.Kind.valueOf(kind);
        Encoder<?> enc = null;
        Decoder<?> dec = null;
        if (codec == CODEC_DEFAULT) {
            enc = DefaultCodec.ENCODER;
            dec = DefaultCodec.DECODER;
        } else if (codec == CODEC_CUSTOM) {
            enc = encoder == null ? null : (Encoder<?>) FunctionShipping.decode(encoder, handles);
            dec = decoder == null ? null : (Decoder<?>) FunctionShipping.decode(decoder, handles);
        }
        return new HandleTransfer.HandleDescriptor(k, enc, dec, maxMessageLength, unreadBytes);
    }
}
