package io.gipc;

/**
 * The writing end of a pipe; Python gipc's {@code _GIPCWriter}.
 *
 * @param <T> the type of message written
 */
public interface GipcWriter<T> extends GipcHandle {
    /**
     * Encodes a message on the calling thread and writes it as one frame.
     *
     * <p>The future completes when the whole frame is written to the operating system. Several {@code put()}s
     * never interleave. The future fails with {@link GipcCodecException} when the encoder throws or returns
     * null (nothing is written), or with {@link GipcBrokenPipeException} when no reader is left. It cannot be
     * cancelled: a message is never torn.
     *
     * @param message the message; null only where the codec carries null
     * @return a future that completes once the message is written
     * @throws GipcClosedException if the handle is closed
     */
    GipcFuture<Void> put(T message);
}
