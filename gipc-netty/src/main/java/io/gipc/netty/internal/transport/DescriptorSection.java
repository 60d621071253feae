package io.gipc.netty.internal.transport;

import io.gipc.netty.internal.posix.ScmRights;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * The descriptor section of a message carrying handles: one byte per descriptor, the descriptors riding on those
 * bytes as {@code SCM_RIGHTS}, sent in chunks of at most {@link ScmRights#MAX_FDS_PER_CALL}.
 *
 * <p>It is a Netty {@link FileRegion} only to be written in order with the frames around it: Netty's native stream
 * channels write a region by calling {@link #transferTo} when it reaches the head of the outbound buffer, and a
 * return of 0 means "socket full: wait for it to be writable and call again". So this region ignores Netty's
 * target and calls sendmsg(2) on the channel's own socket. Netty's gathering write stops at a region, so the
 * section is always a send of its own: the header before it, which the reader reads with a plain read, never
 * shares a send with a byte that carries descriptors.
 *
 * <p>The descriptors belong to handles reserved for the message; this region never closes them.
 */
final class DescriptorSection extends AbstractReferenceCounted implements FileRegion {
    private final int socket;
    private final int[] fds;
    private long transferred;

    /**
     * @param socket the channel's own descriptor
     * @param fds the descriptors to send, one per byte
     */
    DescriptorSection(int socket, int[] fds) {
        this.socket = socket;
        this.fds = fds.clone();
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    @Deprecated
    public long transfered() {
        return transferred;
    }

    @Override
    public long transferred() {
        return transferred;
    }

    @Override
    public long count() {
        return fds.length;
    }

    /**
     * Sends the next piece: the rest of the current chunk, its descriptors with its first byte.
     *
     * @return the bytes sent, 0 if the socket is full
     */
    @Override
    public long transferTo(WritableByteChannel ignored, long position) throws IOException {
        int at = (int) transferred;
        if (at >= fds.length) {
            return 0;
        }
        int chunkStart = at - at % ScmRights.MAX_FDS_PER_CALL;
        int chunkEnd = Math.min(fds.length, chunkStart + ScmRights.MAX_FDS_PER_CALL);
        // A chunk's descriptors ride on its first byte; a chunk cut short by a full socket sends the rest bare.
        int[] riding = at == chunkStart ? Arrays.copyOfRange(fds, chunkStart, chunkEnd) : new int[0];
        int sent = ScmRights.send(socket, new byte[chunkEnd - at], riding);
        transferred += sent;
        return sent;
    }

    @Override
    public FileRegion retain() {
        super.retain();
        return this;
    }

    @Override
    public FileRegion retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FileRegion touch() {
        return this;
    }

    @Override
    public FileRegion touch(Object hint) {
        return this;
    }

    @Override
    protected void deallocate() {
        // nothing of its own: the descriptors are the reserved handles'
    }
}
