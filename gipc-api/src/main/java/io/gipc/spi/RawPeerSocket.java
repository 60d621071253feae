package io.gipc.spi;

import io.gipc.GipcHandle;
import java.time.Duration;

/**
 * The raw other end of a socketpair whose first end is a gipc handle; made by {@link GipcProvider#rawPeer}.
 * Whoever holds it speaks gipc's wire format (a 4-byte big-endian length, then the payload) byte by byte, or
 * breaks it on purpose.
 *
 * <p>Thread-safe. Closing it closes the raw end only; the handle is closed on its own.
 */
public interface RawPeerSocket extends AutoCloseable {
    /**
     * The handle at the other end.
     *
     * @return the handle, of the kind asked for
     */
    GipcHandle handle();

    /**
     * Writes bytes for the handle to read, waiting while the socket's buffer is full.
     *
     * @param bytes the bytes
     * @param offset where they start in {@code bytes}
     * @param length how many to write
     * @param timeout how long to wait, in all, for room in the socket's buffer
     * @return how many were written: {@code length}, or fewer if time ran out (the handle did not read them)
     * @throws io.gipc.GipcBrokenPipeException if the handle's end is closed
     * @throws io.gipc.GipcClosedException if this socket is closed
     */
    int write(byte[] bytes, int offset, int length, Duration timeout);

    /**
     * Reads what the handle wrote: as many bytes as are there, up to {@code length}, waiting for the first one.
     *
     * @param into where to put them
     * @param offset where to start in {@code into}
     * @param length the most to read, at least 1
     * @param timeout how long to wait for the first byte
     * @return the number read; 0 if none arrived in time; -1 at end of stream (the handle's end is closed)
     * @throws io.gipc.GipcClosedException if this socket is closed
     */
    int read(byte[] into, int offset, int length, Duration timeout);

    /** Ends the stream the handle reads: once it read what was written, its {@code get()} sees end of stream. */
    void shutdownOutput();

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return true once closed
     */
    boolean isClosed();

    /** Closes the raw end: the handle sees end of stream, and its writes fail. Does nothing if already closed. */
    @Override
    void close();
}
