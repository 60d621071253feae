package io.gipc.netty.internal.posix;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.gipc.netty.internal.posix.PosixConstants.Errno;
import io.gipc.netty.internal.posix.PosixConstants.Fcntl;
import io.gipc.netty.internal.posix.PosixConstants.SysSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * recvmsg(2) into a direct buffer, set up once and made again and again, with room for the descriptors of one
 * sendmsg: for a reader that takes many frames with one system call. A plain read(2) of a stream socket does not
 * stop where bytes carrying descriptors begin, and the kernel closes descriptors a read has no room for; a
 * recvmsg(2) with this control buffer receives them instead (it stops right after the bytes they ride on, so one
 * call returns the descriptors of at most one sendmsg). Through {@code DirectMapped}, the cheapest way JNA
 * calls C. Not thread-safe: one caller at a time.
 */
public final class BatchReceiver {
    private static final ControlMessages LAYOUT = ScmRights.LAYOUT;
    private static final int CONTROL_BYTES = LAYOUT.cmsgSpace(4 * ScmRights.MAX_FDS_PER_CALL);
    private static final int[] NO_FDS = new int[0];

    private final int capacity;
    private final long bufferAddress;
    /**
     * The {@code struct msghdr}, then its one {@code struct iovec}, then the control buffer, in native memory written
     * through a buffer (no native call per field, as JNA's {@code Memory} would make).
     */
    private final ByteBuffer message = ByteBuffer.allocateDirect(
                    LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE + CONTROL_BYTES)
            .order(ByteOrder.nativeOrder());

    private final long messageAddress;
    private int[] fds = NO_FDS;
    private boolean truncated;

    /**
     * @param buffer the direct buffer every call reads into
     */
    public BatchReceiver(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        this.capacity = buffer.capacity();
        this.bufferAddress = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        this.messageAddress = Pointer.nativeValue(Native.getDirectBufferPointer(message));
        message.putLong(ControlMessages.MSG_IOV, messageAddress + LAYOUT.msghdrSize);
        putSize(LAYOUT.msgIovlenOffset, LAYOUT.msgIovlenSize, 1);
        message.putLong(ControlMessages.MSG_CONTROL, messageAddress + LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE);
    }

    /**
     * @return true if recvmsg(2) could be bound (JNA loads), false if callers must read some other way
     */
    public static boolean isAvailable() {
        return DirectMapped.LOADED;
    }

    /**
     * Receives up to {@code length} bytes into the buffer at {@code offset}, and the descriptors riding on them
     * ({@link #takeFds()}, {@link #truncated()}).
     *
     * @param socket a connected, non-blocking AF_UNIX stream socket
     * @param offset where in the buffer the bytes go
     * @param length the most bytes to take, at least one
     * @return how many bytes arrived; 0 at the end of the stream; -1 if none were there (EAGAIN) or the call
     *     failed (a reader that reads next meets the same error and reports it)
     */
    public int receive(int socket, int offset, int length) {
        if (offset < 0 || length <= 0 || offset + length > capacity) {
            throw new IndexOutOfBoundsException(offset + "+" + length + " of " + capacity);
        }
        message.putLong(LAYOUT.msghdrSize, bufferAddress + offset); // iov_base
        message.putLong(LAYOUT.msghdrSize + 8, length); // iov_len
        putSize(LAYOUT.msgControllenOffset, LAYOUT.msgControllenSize, CONTROL_BYTES);
        message.putInt(LAYOUT.msgFlagsOffset, 0);
        long got;
        while (true) {
            got = DirectMapped.recvmsg(socket, messageAddress, SysSocket.MSG_CMSG_CLOEXEC);
            if (got >= 0 || Native.getLastError() != Errno.EINTR) {
                break;
            }
        }
        long controlLength = LAYOUT.msgControllenSize == 8
                ? message.getLong(LAYOUT.msgControllenOffset)
                : message.getInt(LAYOUT.msgControllenOffset) & 0xffffffffL;
        fds = got < 0 || controlLength == 0
                ? NO_FDS
                : ScmRights.controlledFds(
                        new Pointer(messageAddress + LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE), controlLength);
        truncated = got >= 0 && (message.getInt(LAYOUT.msgFlagsOffset) & SysSocket.MSG_CTRUNC) != 0;
        if (SysSocket.MSG_CMSG_CLOEXEC == 0) {
            for (int fd : fds) {
                LibC.get().fcntl(fd, Fcntl.F_SETFD, Fcntl.FD_CLOEXEC); // macOS: no MSG_CMSG_CLOEXEC
            }
        }
        return got < 0 ? -1 : (int) got;
    }

    private void putSize(int offset, int size, long value) {
        if (size == 8) {
            message.putLong(offset, value);
        } else {
            message.putInt(offset, (int) value);
        }
    }

    /**
     * @return the descriptors the last {@link #receive} brought, close-on-exec, now owned by the caller; an empty
     *     array if none (and after the first call)
     */
    public int[] takeFds() {
        int[] taken = fds;
        fds = NO_FDS;
        return taken;
    }

    /**
     * @return whether the kernel dropped descriptors in the last {@link #receive} ({@code MSG_CTRUNC}): the process
     *     was at its descriptor limit; those were closed
     */
    public boolean truncated() {
        return truncated;
    }
}
