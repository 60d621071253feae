package io.gipc;

import java.io.Serializable;

/**
 * Turns a message into the bytes of one frame; Python gipc's {@code encoder} callable.
 *
 * <p>Runs on the thread that calls {@link GipcWriter#put(Object)}. An encoder that throws, or returns null,
 * fails that {@code put()} with a {@link GipcCodecException} and nothing is written.
 *
 * <p>Serializable because a handle keeps its codec when it is transferred to a child process: use a static
 * method reference, or a lambda whose captured values the default codec carries.
 *
 * @param <T> the type of message encoded
 */
@FunctionalInterface
public interface Encoder<T> extends Serializable {
    /**
     * Encodes one message.
     *
     * @param value the message given to {@code put()}, possibly null
     * @return the payload of the frame, never null
     * @throws Exception when the value cannot be encoded
     */
    byte[] encode(T value) throws Exception;
}
