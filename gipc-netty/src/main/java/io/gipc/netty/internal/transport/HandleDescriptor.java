package io.gipc.netty.internal.transport;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.spi.HandleKind;

/**
 * What it takes to rebuild a handle on its descriptor: in a child ({@code Gipc.startProcess}), in the receiver of a
 * message carrying it, or here when a pipe is made. Carried by the default codec.
 *
 * <p>The handle's kind is kept as the two sides it has rather than as a {@link HandleKind}, so that the description
 * names only classes of this package and of the handle's codec: a decoding filter that allows
 * {@code io.gipc.netty.internal.transport.*} lets it through.
 *
 * @param reads whether the handle has a reading side ({@code get()})
 * @param writes whether the handle has a writing side ({@code put()})
 * @param encoder its encoder, null for raw
 * @param decoder its decoder, null for raw
 * @param maxMessageLength the reader's limit
 * @param unreadBytes bytes the sender's reader received and had not delivered, served first by the new handle
 */
public record HandleDescriptor(
        boolean reads,
        boolean writes,
        Encoder<?> encoder,
        Decoder<?> decoder,
        int maxMessageLength,
        byte[] unreadBytes) {

    /**
     * The description of a new handle, with nothing unread.
     *
     * @param kind which operations it has
     * @param encoder its encoder, null for raw
     * @param decoder its decoder, null for raw
     * @param maxMessageLength the reader's limit
     * @return the description
     */
    public static HandleDescriptor of(HandleKind kind, Encoder<?> encoder, Decoder<?> decoder, int maxMessageLength) {
        return new HandleDescriptor(
                kind != HandleKind.WRITER, kind != HandleKind.READER, encoder, decoder, maxMessageLength, null);
    }

    /** @return which operations the handle has */
    public HandleKind kind() {
        return !writes ? HandleKind.READER : !reads ? HandleKind.WRITER : HandleKind.DUPLEX;
    }

    HandleDescriptor withUnreadBytes(byte[] bytes) {
        return new HandleDescriptor(reads, writes, encoder, decoder, maxMessageLength, bytes);
    }
}
