package io.gipc.netty.internal.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.gipc.netty.internal.posix.PosixConstants.Errno;
import io.gipc.netty.internal.posix.PosixConstants.Fcntl;
import io.gipc.netty.internal.posix.PosixConstants.SysSocket;
import java.io.IOException;
import java.util.Arrays;

/**
 * Descriptors sent with bytes over an AF_UNIX stream socket: sendmsg(2) and recvmsg(2) with {@code SCM_RIGHTS}
 * ancillary data, the structures laid out by hand ({@link ControlMessages}). Both calls work on a non-blocking
 * socket and never wait.
 *
 * <p>What the kernel does, and callers must mind: the descriptors of one sendmsg ride with the first byte it
 * writes; one recvmsg returns the descriptors of at most one sendmsg; a read that takes bytes carrying
 * descriptors without room for them closes them and sets {@code MSG_CTRUNC}, as it does when the receiving
 * process is at its descriptor limit; Linux takes at most {@link #MAX_FDS_PER_CALL} descriptors per call.
 */
public final class ScmRights {
    /** Linux's {@code SCM_MAX_FD}: sendmsg refuses more descriptors in one call (EINVAL). */
    public static final int MAX_FDS_PER_CALL = 253;

    static final ControlMessages LAYOUT = ControlMessages.current();

    private ScmRights() {}

    /**
     * Sends bytes, with descriptors riding on the first of them.
     *
     * @param socket a connected, non-blocking AF_UNIX stream socket
     * @param data the bytes (at least one)
     * @param fds the descriptors to send (at most {@link #MAX_FDS_PER_CALL}), or an empty array; they stay open
     *        here: the receiver gets its own copies
     * @return how many bytes the kernel took (the descriptors went with the first), or 0 if the socket was full
     *         (then nothing was sent, descriptors included)
     * @throws IOException with the OS's reason (EPIPE when no one reads the other end any more, say)
     */
    public static int send(int socket, byte[] data, int[] fds) throws IOException {
        if (data.length == 0 || fds.length > MAX_FDS_PER_CALL) {
            throw new IllegalArgumentException(data.length + " bytes with " + fds.length + " descriptors");
        }
        int control = fds.length == 0 ? 0 : LAYOUT.cmsgSpace(4 * fds.length);
        Memory m = new Memory(LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE + control + data.length);
        m.clear();
        Pointer iov = m.share(LAYOUT.msghdrSize);
        Pointer cmsg = control == 0 ? null : m.share(LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE);
        Pointer bytes = m.share(LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE + control);
        bytes.write(0, data, 0, data.length);
        iov.setPointer(0, bytes);
        iov.setLong(Native.POINTER_SIZE, data.length);
        m.setPointer(ControlMessages.MSG_IOV, iov);
        writeSize(m, LAYOUT.msgIovlenOffset, LAYOUT.msgIovlenSize, 1);
        if (cmsg != null) {
            writeSize(cmsg, 0, LAYOUT.cmsgLenSize(), LAYOUT.cmsgHeaderSize + 4L * fds.length);
            cmsg.setInt(LAYOUT.cmsgHeaderSize - 8, SysSocket.SOL_SOCKET);
            cmsg.setInt(LAYOUT.cmsgHeaderSize - 4, SysSocket.SCM_RIGHTS);
            cmsg.write(LAYOUT.cmsgHeaderSize, fds, 0, fds.length);
            m.setPointer(ControlMessages.MSG_CONTROL, cmsg);
            writeSize(m, LAYOUT.msgControllenOffset, LAYOUT.msgControllenSize, control);
        }
        LibC libc = LibC.get();
        while (true) {
            long sent = libc.sendmsg(socket, m, SysSocket.MSG_NOSIGNAL);
            if (sent >= 0) {
                return (int) sent;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EINTR) {
                continue;
            }
            if (errno == Errno.EAGAIN) {
                return 0;
            }
            throw new IOException(
                    "sendmsg(2) with " + fds.length + " descriptor(s) on fd " + socket + " failed: " + describe(errno));
        }
    }

    /**
     * What one recvmsg returned.
     *
     * @param bytes how many bytes arrived; 0 at the end of the stream; -1 if none were there yet (EAGAIN)
     * @param fds the descriptors that arrived, close-on-exec, now owned by the caller
     * @param truncated whether the kernel dropped descriptors ({@code MSG_CTRUNC}): the receiving process was at
     *        its descriptor limit, or more came than there was room for; those were closed
     */
    public record Received(int bytes, int[] fds, boolean truncated) {
        /** @return whether nothing was there yet */
        public boolean wouldBlock() {
            return bytes < 0;
        }
    }

    /**
     * Receives up to {@code maxBytes} bytes and the descriptors that ride with them.
     *
     * @param socket a connected, non-blocking AF_UNIX stream socket
     * @param maxBytes the most bytes to take (at least one)
     * @param maxFds room for that many descriptors; more are closed by the kernel and reported as truncated
     * @return what arrived
     * @throws IOException with the OS's reason
     */
    public static Received receive(int socket, int maxBytes, int maxFds) throws IOException {
        int control = LAYOUT.cmsgSpace(4 * Math.max(1, maxFds));
        Memory m = new Memory(LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE + control + maxBytes);
        m.clear();
        Pointer iov = m.share(LAYOUT.msghdrSize);
        Pointer cmsg = m.share(LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE);
        Pointer bytes = m.share(LAYOUT.msghdrSize + ControlMessages.IOVEC_SIZE + control);
        iov.setPointer(0, bytes);
        iov.setLong(Native.POINTER_SIZE, maxBytes);
        m.setPointer(ControlMessages.MSG_IOV, iov);
        writeSize(m, LAYOUT.msgIovlenOffset, LAYOUT.msgIovlenSize, 1);
        m.setPointer(ControlMessages.MSG_CONTROL, cmsg);
        writeSize(m, LAYOUT.msgControllenOffset, LAYOUT.msgControllenSize, control);
        LibC libc = LibC.get();
        long got;
        while (true) {
            got = libc.recvmsg(socket, m, SysSocket.MSG_CMSG_CLOEXEC);
            if (got >= 0) {
                break;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EINTR) {
                continue;
            }
            if (errno == Errno.EAGAIN) {
                return new Received(-1, new int[0], false);
            }
            throw new IOException("recvmsg(2) on fd " + socket + " failed: " + describe(errno));
        }
        int[] fds = controlledFds(cmsg, readSize(m, LAYOUT.msgControllenOffset, LAYOUT.msgControllenSize));
        boolean truncated = (m.getInt(LAYOUT.msgFlagsOffset) & SysSocket.MSG_CTRUNC) != 0;
        if (SysSocket.MSG_CMSG_CLOEXEC == 0) {
            for (int fd : fds) {
                libc.fcntl(fd, Fcntl.F_SETFD, Fcntl.FD_CLOEXEC); // macOS: no MSG_CMSG_CLOEXEC
            }
        }
        return new Received((int) got, fds, truncated);
    }

    /** The descriptors of every {@code SCM_RIGHTS} message in a control buffer of {@code length} bytes. */
    static int[] controlledFds(Pointer control, long length) {
        int[] fds = new int[0];
        int headerLengthSize = LAYOUT.cmsgLenSize();
        long offset = 0;
        while (offset + LAYOUT.cmsgHeaderSize <= length) {
            long len = readSize(control, offset, headerLengthSize);
            if (len < LAYOUT.cmsgHeaderSize || offset + len > length) {
                break;
            }
            int level = control.getInt(offset + LAYOUT.cmsgHeaderSize - 8);
            int type = control.getInt(offset + LAYOUT.cmsgHeaderSize - 4);
            if (level == SysSocket.SOL_SOCKET && type == SysSocket.SCM_RIGHTS) {
                int n = (int) ((len - LAYOUT.cmsgHeaderSize) / 4);
                int from = fds.length;
                fds = Arrays.copyOf(fds, from + n);
                control.read(offset + LAYOUT.cmsgHeaderSize, fds, from, n);
            }
            offset += LAYOUT.align((int) len);
        }
        return fds;
    }

    static void writeSize(Pointer p, long offset, int size, long value) {
        if (size == 8) {
            p.setLong(offset, value);
        } else {
            p.setInt(offset, (int) value);
        }
    }

    static long readSize(Pointer p, long offset, int size) {
        return size == 8 ? p.getLong(offset) : p.getInt(offset) & 0xffffffffL;
    }

    private static String describe(int errno) {
        return LibC.get().strerror(errno) + " (errno " + errno + ")";
    }

    /**
     * Closes descriptors received and not handed on, ignoring errors.
     *
     * @param fds the descriptors
     */
    public static void closeAll(int[] fds) {
        if (fds != null) {
            for (int fd : fds) {
                LibC.get().close(fd);
            }
        }
    }
}
