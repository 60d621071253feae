package io.gipc.netty.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Non-blocking writes of one frame to a socket on a caller's thread, for {@link Outbound}'s direct puts. One per
 * writer, used only by the holder of its {@code DIRECT} token, so by one thread at a time. A small frame is built
 * in a buffer kept for the next one: a direct put that the socket takes whole allocates nothing.
 */
final class DirectWrites {
    /** Frames of up to this many bytes, header included, are built in the kept buffer. */
    static final int KEPT_BUFFER_BYTES = 8 << 10;

    /** Direct memory freed by the garbage collector, so a writer that is never closed leaks nothing. */
    private ByteBuffer kept;

    private boolean failed;

    /**
     * Writes the frame of {@code payload} (its length, then its bytes) as far as the socket takes it.
     *
     * @return null if the socket took the whole frame; else the rest of it, for the loop (all of it if the socket
     *     was full; see {@link #failed()} for a write that failed)
     */
    ByteBuf write(FileDescriptor fd, byte[] payload, ByteBufAllocator alloc) {
        failed = false;
        int frameBytes = FrameAssembler.HEADER_BYTES + payload.length;
        if (frameBytes > KEPT_BUFFER_BYTES) {
            return writeLarge(fd, payload, alloc);
        }
        ByteBuffer buffer = kept();
        buffer.clear();
        buffer.putInt(payload.length).put(payload).flip();
        if (write(fd, buffer)) {
            return null;
        }
        return alloc.directBuffer(buffer.remaining()).writeBytes(buffer);
    }

    /** @return whether the last {@link #write} stopped at an error (then the loop's write of the rest fails too) */
    boolean failed() {
        return failed;
    }

    private ByteBuffer kept() {
        if (kept == null) {
            kept = ByteBuffer.allocateDirect(KEPT_BUFFER_BYTES);
        }
        return kept;
    }

    /** A frame too large for the kept buffer: a buffer of its own from the channel's pool. */
    private ByteBuf writeLarge(FileDescriptor fd, byte[] payload, ByteBufAllocator alloc) {
        ByteBuf frame = alloc.directBuffer(FrameAssembler.HEADER_BYTES + payload.length);
        frame.writeInt(payload.length).writeBytes(payload);
        ByteBuffer nio = frame.internalNioBuffer(0, frame.readableBytes());
        int start = nio.position();
        boolean whole = write(fd, nio);
        frame.readerIndex(nio.position() - start);
        if (whole) {
            frame.release();
            return null;
        }
        return frame;
    }

    /**
     * Writes the remaining bytes of {@code from}, advancing its position.
     *
     * @return true if the socket took them all; false if it is full or the write failed ({@link #failed})
     */
    private boolean write(FileDescriptor fd, ByteBuffer from) {
        try {
            while (from.hasRemaining()) {
                int n = fd.write(from, from.position(), from.limit());
                if (n <= 0) {
                    return false; // the socket is full: the loop waits until it can take the rest
                }
                from.position(from.position() + n);
            }
            return true;
        } catch (IOException e) {
            failed = true;
            return false;
        }
    }
}
