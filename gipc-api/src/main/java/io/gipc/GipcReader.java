package io.gipc;

import java.time.Duration;

/**
 * The reading end of a pipe; Python gipc's {@code _GIPCReader}.
 *
 * <p>Messages arrive whole, in order, exactly once. Several pending {@code get()}s are served first come, first
 * served. The reader takes bytes from the operating system only while a {@code get()} is pending, so unread
 * messages stay in the kernel and a fast writer is held back.
 *
 * @param <T> the type of message read
 */
public interface GipcReader<T> extends GipcHandle {
    /**
     * Receives the next message.
     *
     * <p>The future completes on the reader's event loop with the decoded message, or fails with
     * {@link GipcEofException} when the other end is closed and everything it sent was read,
     * {@link GipcCodecException} when the decoder throws (the message is consumed), or {@link GipcException}
     * when a frame is malformed or interrupted by the end of the stream. {@code cancel()} withdraws the get
     * and loses no message.
     *
     * @return a future of the next message
     * @throws GipcClosedException if the handle is closed
     */
    GipcFuture<T> get();

    /**
     * Receives the next message, giving up if none starts to arrive in time (the gevent way).
     *
     * <p>The future fails with {@link java.util.concurrent.TimeoutException} when no byte of the next message
     * arrived within {@code timeout}. Once the first byte arrived the timeout no longer applies: a message is
     * never torn. The handle stays usable after a timeout. The timer is the event loop's own.
     *
     * @param timeout how long to wait for the first byte of the next message; zero or negative means at once
     * @return a future of the next message
     * @throws GipcClosedException if the handle is closed
     * @throws NullPointerException if {@code timeout} is null
     */
    GipcFuture<T> get(Duration timeout);
}
