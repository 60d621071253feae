package io.gipc.netty.internal.posix;

import com.sun.jna.Native;
import io.gipc.GipcException;
import io.gipc.netty.internal.posix.PosixConstants.Fcntl;
import io.gipc.netty.internal.posix.PosixConstants.SysSocket;

/**
 * Makes AF_UNIX stream socketpairs whose descriptors are non-blocking (Netty never sets O_NONBLOCK on a
 * descriptor it is given) and close-on-exec (a child inherits only what gipc hands it on purpose).
 */
public final class SocketPair {
    private SocketPair() {}

    /**
     * A new connected pair.
     *
     * @return the two descriptors
     * @throws GipcException with the OS's reason when the pair cannot be made (out of descriptors, say)
     */
    public static int[] open() {
        int[] fds = new int[2];
        int type = SysSocket.SOCK_STREAM | SysSocket.SOCK_NONBLOCK | SysSocket.SOCK_CLOEXEC;
        if (LibC.get().socketpair(SysSocket.AF_UNIX, type, 0, fds) != 0) {
            throw new GipcException("socketpair(AF_UNIX, SOCK_STREAM) failed: " + lastError());
        }
        if (SysSocket.SOCK_NONBLOCK == 0) {
            try {
                for (int fd : fds) {
                    configureByFcntl(fd);
                }
            } catch (GipcException e) {
                closeQuietly(fds[0]);
                closeQuietly(fds[1]);
                throw e;
            }
        }
        return fds;
    }

    private static void configureByFcntl(int fd) {
        LibC libc = LibC.get();
        if (libc.fcntl(fd, Fcntl.F_SETFD, Fcntl.FD_CLOEXEC) == -1) {
            throw new GipcException("fcntl(" + fd + ", F_SETFD, FD_CLOEXEC) failed: " + lastError());
        }
        int flags = libc.fcntl(fd, Fcntl.F_GETFL, 0);
        if (flags == -1 || libc.fcntl(fd, Fcntl.F_SETFL, flags | Fcntl.O_NONBLOCK) == -1) {
            throw new GipcException("fcntl(" + fd + ", F_SETFL, O_NONBLOCK) failed: " + lastError());
        }
    }

    /**
     * Closes a descriptor that no channel owns yet, ignoring errors (used on failure paths).
     *
     * @param fd the descriptor
     */
    public static void closeQuietly(int fd) {
        LibC.get().close(fd);
    }

    /**
     * The description of errno after a failed call, with its number.
     *
     * @return for example {@code "Too many open files (errno 24)"}
     */
    public static String lastError() {
        int errno = Native.getLastError();
        return LibC.get().strerror(errno) + " (errno " + errno + ")";
    }
}
