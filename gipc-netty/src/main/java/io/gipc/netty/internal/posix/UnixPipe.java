package io.gipc.netty.internal.posix;

import io.gipc.GipcException;
import io.gipc.netty.internal.posix.PosixConstants.Fcntl;

/**
 * Makes the one-way pipe(2) that carries a child's bootstrap message. Both ends are close-on-exec (a child
 * inherits only what gipc hands it on purpose, through dup2, which clears the flag on the copy); the write end
 * is non-blocking, so that the parent never waits for a child to read; the read end blocks, since the child
 * reads it with plain Java streams.
 */
public final class UnixPipe {
    private UnixPipe() {}

    /**
     * A new pipe.
     *
     * @return the read end, then the write end
     * @throws GipcException with the OS's reason when the pipe cannot be made (out of descriptors, say)
     */
    public static int[] open() {
        LibC libc = LibC.get();
        int[] fds = new int[2];
        if (libc.pipe(fds) != 0) {
            throw new GipcException("pipe(2) failed: " + SocketPair.lastError());
        }
        try {
            for (int fd : fds) {
                if (libc.fcntl(fd, Fcntl.F_SETFD, Fcntl.FD_CLOEXEC) == -1) {
                    throw new GipcException("fcntl(" + fd + ", F_SETFD, FD_CLOEXEC) failed: " + SocketPair.lastError());
                }
            }
            int flags = libc.fcntl(fds[1], Fcntl.F_GETFL, 0);
            if (flags == -1 || libc.fcntl(fds[1], Fcntl.F_SETFL, flags | Fcntl.O_NONBLOCK) == -1) {
                throw new GipcException("fcntl(" + fds[1] + ", F_SETFL, O_NONBLOCK) failed: " + SocketPair.lastError());
            }
        } catch (GipcException e) {
            SocketPair.closeQuietly(fds[0]);
            SocketPair.closeQuietly(fds[1]);
            throw e;
        }
        return fds;
    }
}
