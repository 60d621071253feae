package io.gipc.netty.internal.posix;

import com.sun.jna.Native;
import io.gipc.GipcException;

/**
 * Makes AF_UNIX stream socketpairs whose descriptors are non-blocking (Netty never sets O_NONBLOCK on a
 * descriptor it is given) and close-on-exec (a child inherits only what gipc hands it on purpose).
 */
public final class SocketPair {
    private SocketPair() {
    }

    /**
     * A new connected pair.
     *
     * @return the two descriptors
     * @throws GipcException with the OS's reason when the pair cannot be made (out of descriptors, say)
     */
    public static int[] open() {
        Platform platform = Platform.current();
        int[] fds = new int[2];
        int type = Platform.SOCK_STREAM | platform.sockNonblock() | platform.sockCloexec();
        if (LibC.get().socketpair(Platform.AF_UNIX, type, 0, fds) != 0) {
            throw new GipcException("socketpair(AF_UNIX, SOCK_STREAM) failed: " + lastError());
        }
        if (platform.sockNonblock() == 0) {
            try {
                for (int fd : fds) {
                    configureByFcntl(platform, fd);
                }
            } catch (GipcException e) {
                closeQuietly(fds[0]);
                closeQuietly(fds[1]);
                throw e;
            }
        }
        return fds;
    }

    private static void configureByFcntl(Platform platform, int fd) {
        LibC libc = LibC.get();
        if (libc.fcntl(fd, Platform.F_SETFD, Platform.FD_CLOEXEC) == -1) {
            throw new GipcException("fcntl(" + fd + ", F_SETFD, FD_CLOEXEC) failed: " + lastError());
        }
        int flags = libc.fcntl(fd, Platform.F_GETFL, 0);
        if (flags == -1 || libc.fcntl(fd, platform.fSetfl(), flags | platform.oNonblock()) == -1) {
            throw new GipcException("fcntl(" + fd + ", F_SETFL, O_NONBLOCK) failed: " + lastError());
        }
    }

    /**
     * Shuts down one direction of a socket; for simplex pipes, whose ends each use one direction.
     *
     * @param fd the socket
     * @param how {@link Platform#SHUT_RD} or {@link Platform#SHUT_WR}
     */
    public static void shutdown(int fd, int how) {
        if (LibC.get().shutdown(fd, how) != 0) {
            throw new GipcException("shutdown(" + fd + ", " + how + ") failed: " + lastError());
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
