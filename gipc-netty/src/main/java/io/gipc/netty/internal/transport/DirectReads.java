package io.gipc.netty.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;

/** Non-blocking reads of a socket on a caller's thread, for {@link Inbound}'s direct gets. */
final class DirectReads {
    private DirectReads() {}

    /**
     * Reads exactly {@code count} more bytes into {@code into}, growing it, unless the socket has fewer now.
     *
     * @return true if all were read; false at "would block", the end of the stream or an error (the loop, reading
     *     next, meets the same end or error and reports it), with what was read so far in {@code into}
     */
    static boolean read(FileDescriptor fd, ByteBuf into, int count) {
        into.ensureWritable(count);
        int end = into.writerIndex() + count;
        try {
            while (into.writerIndex() < end) {
                int n;
                if (into.hasMemoryAddress()) {
                    n = fd.readAddress(into.memoryAddress(), into.writerIndex(), end);
                } else {
                    java.nio.ByteBuffer b = into.internalNioBuffer(into.writerIndex(), end - into.writerIndex());
                    n = fd.read(b, b.position(), b.limit());
                }
                if (n <= 0) {
                    return false;
                }
                into.writerIndex(into.writerIndex() + n);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
