package io.gipc.netty.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Non-blocking reads of one message from a socket on a caller's thread, for {@link Inbound}'s direct gets. One per
 * reader, used only by the holder of its socket token, so by one thread at a time. A small message is read into a
 * buffer kept for the next one: a direct get then allocates nothing but the payload's array.
 */
final class DirectReads {
    /** Messages of up to this many bytes, header included, are read into the kept buffer. */
    static final int KEPT_BUFFER_BYTES = 8 << 10;

    private final int maxMessageLength;
    /** Direct memory freed by the garbage collector, so a reader that is never closed leaks nothing. */
    private ByteBuffer kept;
    /** What the last {@link #readMessage} read of a message that is not all there, or null. */
    private ByteBuf leftover;

    /**
     * @param maxMessageLength the reader's limit: a longer header is left to the loop, which reports it
     */
    DirectReads(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * Reads a header and, if the loop need not judge it (negative, over the limit, above one read's size, or the
     * mark of a message carrying handles), its payload.
     *
     * @return the payload of a whole message; null if none was read whole, with what was read of it in
     *     {@link #takeLeftover()}
     */
    byte[] readMessage(FileDescriptor fd, ByteBufAllocator alloc) {
        ByteBuffer buffer = kept();
        buffer.clear();
        if (!read(fd, buffer, FrameAssembler.HEADER_BYTES)) {
            return keepLeftover(buffer);
        }
        int length = buffer.getInt(0);
        if (length < 0 || length > maxMessageLength || length > DemandRecvAllocator.MAX_READ_BYTES) {
            return keepLeftover(buffer);
        }
        if (FrameAssembler.HEADER_BYTES + length > buffer.capacity()) {
            return readLarge(fd, alloc, length);
        }
        boolean whole = read(fd, buffer, length);
        if (!whole) {
            return keepLeftover(buffer);
        }
        byte[] payload = new byte[length];
        buffer.get(FrameAssembler.HEADER_BYTES, payload); // absolute: the buffer's position stays
        return payload;
    }

    /**
     * @return the bytes the last {@link #readMessage} read of a message that is not all there (its header first),
     *     for the loop to take in before anything it reads; null if it read none
     */
    ByteBuf takeLeftover() {
        ByteBuf bytes = leftover;
        leftover = null;
        return bytes;
    }

    private ByteBuffer kept() {
        if (kept == null) {
            kept = ByteBuffer.allocateDirect(KEPT_BUFFER_BYTES);
        }
        return kept;
    }

    /** A payload too large for the kept buffer: a buffer of its own from the channel's pool, its header first. */
    private byte[] readLarge(FileDescriptor fd, ByteBufAllocator alloc, int length) {
        ByteBuf buffer = alloc.directBuffer(FrameAssembler.HEADER_BYTES + length);
        try {
            buffer.writeInt(length);
            ByteBuffer nio = buffer.internalNioBuffer(0, buffer.capacity());
            int start = nio.position();
            nio.position(start + FrameAssembler.HEADER_BYTES);
            boolean whole = read(fd, nio, length);
            buffer.writerIndex(nio.position() - start);
            if (!whole) {
                leftover = buffer.retain();
                return null;
            }
            byte[] payload = new byte[length];
            buffer.getBytes(FrameAssembler.HEADER_BYTES, payload);
            return payload;
        } finally {
            buffer.release();
        }
    }

    private byte[] keepLeftover(ByteBuffer buffer) {
        leftover = buffer.position() == 0 ? null : Unpooled.copiedBuffer(buffer.flip());
        return null;
    }

    /**
     * Reads exactly {@code count} more bytes into {@code into} at its position, unless the socket has fewer now.
     *
     * @return true if all were read; false at "would block", the end of the stream or an error (the loop, reading
     *     next, meets the same end or error and reports it), with what was read so far before the position
     */
    private static boolean read(FileDescriptor fd, ByteBuffer into, int count) {
        int end = into.position() + count;
        try {
            while (into.position() < end) {
                int n = fd.read(into, into.position(), end);
                if (n <= 0) {
                    return false;
                }
                into.position(into.position() + n);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
