package io.gipc.netty.internal.transport;

import io.gipc.netty.internal.posix.BatchReceiver;
import io.gipc.netty.internal.posix.ScmRights;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Non-blocking reads of messages from a socket on a caller's thread, for {@link Inbound}'s direct gets. One per
 * reader, used only by the holder of its socket token, so by one thread at a time.
 *
 * <p>One system call takes up to {@link #KEPT_BUFFER_BYTES} at once into a buffer kept for the next gets: the whole
 * frames in it answer them with no system call (a reader that keeps up with a fast writer takes hundreds of small
 * messages per call, as a stream's buffered reader does, instead of two calls per message). That call is
 * recvmsg(2) with room for descriptors ({@link BatchReceiver}), never a plain read: a plain read past a header not
 * yet seen could enter the descriptor section of a message carrying handles, and the kernel would close its
 * descriptors. When a call brings descriptors, or a get meets a header the loop must judge (the mark of a message
 * carrying handles, a negative length, one over the limit), everything read and not delivered goes to the loop
 * ({@link #takeLeftover()}), the descriptors with the section bytes they came with; so descriptors never stay
 * here past one call. Bytes kept here are the loop's first input whenever it takes the socket
 * ({@link #takeBuffered()}): it never reads the socket, serves a get, or hands the reader on before them.
 */
final class DirectReads {
    /** The most one call takes, and so the most this reader holds beyond what its gets asked for. */
    static final int KEPT_BUFFER_BYTES = 8 << 10;

    private final int maxMessageLength;
    /** Direct memory freed by the garbage collector, so a reader that is never closed leaks nothing. */
    private ByteBuffer kept;

    private BatchReceiver receiver;
    /** The bytes read and not delivered: {@code kept[start, end)}. */
    private int start;

    private int end;
    /** What the last {@link #readMessage} left for the loop, or null. */
    private Leftover leftover;
    /** Whether bytes are kept here: written by the token's holder, read by others as a hint. */
    private volatile boolean holdsBytes;
    /** System calls made to read, for tests. */
    private long systemCalls;

    /**
     * @param maxMessageLength the reader's limit: a longer header is left to the loop, which reports it
     */
    DirectReads(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * Takes the next whole plain message: from the bytes kept here if it is there, else after one call that reads
     * as much as the buffer holds (a message too large for it gets a buffer of its own).
     *
     * @return the payload of a whole message; null if none is whole here, with what was read in
     *     {@link #takeLeftover()} (also a header the loop must judge, and everything after it)
     */
    byte[] readMessage(FileDescriptor fd, ByteBufAllocator alloc) {
        try {
            return nextMessage(fd, alloc);
        } finally {
            holdsBytes = end > start;
        }
    }

    private byte[] nextMessage(FileDescriptor fd, ByteBufAllocator alloc) {
        if (kept == null) {
            if (!BatchReceiver.isAvailable()) {
                return null; // no recvmsg: every get goes to the loop
            }
            kept = ByteBuffer.allocateDirect(KEPT_BUFFER_BYTES);
            receiver = new BatchReceiver(kept);
        }
        for (boolean received = false; ; received = true) {
            int available = end - start;
            if (available >= FrameAssembler.HEADER_BYTES) {
                int length = kept.getInt(start);
                if (length < 0 || length > maxMessageLength || length > DemandRecvAllocator.MAX_READ_BYTES) {
                    leaveAllToLoop(new int[0], false);
                    return null;
                }
                if (available - FrameAssembler.HEADER_BYTES >= length) {
                    return take(length);
                }
                if (FrameAssembler.HEADER_BYTES + length > kept.capacity()) {
                    return readLarge(fd, alloc, length);
                }
            }
            if (received) { // the socket had no more: the loop finishes the message
                leaveAllToLoop(new int[0], false);
                return null;
            }
            compact();
            systemCalls++;
            int got = receiver.receive(fd.intValue(), end, kept.capacity() - end);
            int[] fds = receiver.takeFds();
            if (got > 0) {
                end += got;
            }
            if (fds.length > 0 || receiver.truncated()) {
                leaveAllToLoop(fds, receiver.truncated());
                return null;
            }
            if (got <= 0) { // would block, end of stream, error: the loop, reading next, meets and reports it
                leaveAllToLoop(new int[0], false);
                return null;
            }
        }
    }

    /** @return the payload of the whole frame at {@code start}, of {@code length} bytes */
    private byte[] take(int length) {
        byte[] payload = new byte[length];
        kept.get(start + FrameAssembler.HEADER_BYTES, payload); // absolute: the buffer's position stays
        start += FrameAssembler.HEADER_BYTES + length;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return payload;
    }

    /** Moves the kept bytes to the buffer's front, making room behind them. */
    private void compact() {
        if (start > 0) {
            kept.put(0, kept, start, end - start);
            end -= start;
            start = 0;
        }
    }

    /**
     * @return what the last {@link #readMessage} read and left for the loop (its bytes come before anything the
     *     loop reads); null if it left nothing
     */
    Leftover takeLeftover() {
        Leftover taken = leftover;
        leftover = null;
        return taken;
    }

    /**
     * For the loop, taking the socket: the bytes kept here, which come before anything it reads.
     *
     * @return them, or null if none
     */
    Leftover takeBuffered() {
        if (end == start) {
            return null;
        }
        Leftover bytes = Leftover.plain(keptCopy());
        start = 0;
        end = 0;
        holdsBytes = false;
        return bytes;
    }

    /** @return whether bytes are kept here (a hint when read by a thread that does not hold the socket's token) */
    boolean holdsBytes() {
        return holdsBytes;
    }

    /** @return how many system calls this reader made to read, for tests */
    long systemCalls() {
        return systemCalls;
    }

    /** Everything kept goes to the loop, with {@code fds}, which came with the last call, and rode on those bytes. */
    private void leaveAllToLoop(int[] fds, boolean truncated) {
        leftover = end == start && fds.length == 0 && !truncated ? null : new Leftover(keptCopy(), fds, truncated);
        start = 0;
        end = 0;
    }

    private ByteBuf keptCopy() {
        return end == start ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(kept.slice(start, end - start));
    }

    /**
     * For the loop, holding the socket's token, with nothing kept here: one call that reads as much as the buffer
     * holds, for the loop's frames, whatever frame boundary it starts or ends at.
     *
     * @return what it read, with the descriptors that came; null if nothing (would block, end of stream, error:
     *     the loop's own read then meets it and reports it)
     */
    Leftover readBatch(FileDescriptor fd) {
        if (end != start) {
            throw new IllegalStateException("bytes kept for direct gets must go first");
        }
        if (kept == null) {
            if (!BatchReceiver.isAvailable()) {
                return null;
            }
            kept = ByteBuffer.allocateDirect(KEPT_BUFFER_BYTES);
            receiver = new BatchReceiver(kept);
        }
        systemCalls++;
        int got = receiver.receive(fd.intValue(), 0, kept.capacity());
        int[] fds = receiver.takeFds();
        if (got <= 0 && fds.length == 0) {
            return null;
        }
        end = Math.max(got, 0);
        leaveAllToLoop(fds, receiver.truncated());
        return takeLeftover();
    }

    /**
     * A payload too large for the kept buffer: a buffer of its own from the channel's pool, its header and the bytes
     * already kept first, the rest read with plain reads, which stay inside this frame.
     */
    private byte[] readLarge(FileDescriptor fd, ByteBufAllocator alloc, int length) {
        ByteBuf buffer = alloc.directBuffer(FrameAssembler.HEADER_BYTES + length);
        try {
            buffer.writeBytes(kept.slice(start, end - start));
            start = 0;
            end = 0;
            ByteBuffer nio = buffer.internalNioBuffer(0, buffer.capacity());
            int first = nio.position();
            nio.position(first + buffer.writerIndex());
            boolean whole = read(fd, nio, FrameAssembler.HEADER_BYTES + length - buffer.writerIndex());
            buffer.writerIndex(nio.position() - first);
            if (!whole) {
                leftover = Leftover.plain(buffer.retain());
                return null;
            }
            byte[] payload = new byte[length];
            buffer.getBytes(FrameAssembler.HEADER_BYTES, payload);
            return payload;
        } finally {
            buffer.release();
        }
    }

    /**
     * Reads exactly {@code count} more bytes into {@code into} at its position, unless the socket has fewer now.
     *
     * @return true if all were read; false at "would block", the end of the stream or an error (the loop, reading
     *     next, meets the same end or error and reports it), with what was read so far before the position
     */
    private boolean read(FileDescriptor fd, ByteBuffer into, int count) {
        int stop = into.position() + count;
        try {
            while (into.position() < stop) {
                systemCalls++;
                int n = fd.read(into, into.position(), stop);
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

    /**
     * Bytes a direct read took and did not deliver, for the loop's {@link FrameAssembler}, with the descriptors that
     * came with them (owned here until {@link #feed} or {@link #discard}).
     */
    static final class Leftover {
        private static final int[] NO_FDS = new int[0];

        private final ByteBuf bytes;
        private final int[] fds;
        private final boolean truncated;

        Leftover(ByteBuf bytes, int[] fds, boolean truncated) {
            this.bytes = bytes;
            this.fds = fds;
            this.truncated = truncated;
        }

        /** @return plain bytes, with no descriptors */
        static Leftover plain(ByteBuf bytes) {
            return new Leftover(bytes, NO_FDS, false);
        }

        /** On the loop: gives everything to {@code frames}, in the order it was read; the descriptors go with it. */
        void feed(FrameAssembler frames) {
            try {
                frames.addReceived(bytes, fds, truncated);
            } finally {
                bytes.release();
            }
        }

        /** The bytes will never be delivered (the loop was shut down): released, descriptors closed. */
        void discard() {
            bytes.release();
            ScmRights.closeAll(fds);
        }
    }
}
