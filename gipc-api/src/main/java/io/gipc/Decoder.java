package io.gipc;

import java.io.Serializable;

/**
 * Turns the bytes of one frame back into a message; Python gipc's {@code decoder} callable.
 *
 * <p>Runs on the reader's event loop, so it must not block. A decoder that throws fails that
 * {@link GipcReader#get()} with a {@link GipcCodecException}; the message is consumed and the next
 * {@code get()} works.
 *
 * <p>Serializable for the same reason as {@link Encoder}.
 *
 * @param <T> the type of message decoded
 */
@FunctionalInterface
public interface Decoder<T> extends Serializable {
    /**
     * Decodes one message.
     *
     * @param data the payload of one frame, never null, possibly empty
     * @return the message
     * @throws Exception when the bytes cannot be decoded
     */
    T decode(byte[] data) throws Exception;
}
