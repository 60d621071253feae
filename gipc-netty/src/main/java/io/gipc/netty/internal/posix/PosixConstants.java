package io.gipc.netty.internal.posix;

/**
 * The C constants gipc passes to {@link LibC}, in one place, grouped by the header that defines them. Where
 * Linux and macOS differ, the value is chosen for this JVM's OS when the class loads (Linux's values are the
 * same on x86_64 and aarch64); 0 stands for a flag the OS does not have.
 */
public final class PosixConstants {
    private PosixConstants() {}

    private static int linuxOrMacos(int linux, int macos) {
        return Platform.current() == Platform.MACOS ? macos : linux;
    }

    /** {@code <errno.h>}. */
    public static final class Errno {
        /** Interrupted system call. */
        public static final int EINTR = 4;
        /** A non-blocking descriptor is not ready (the same as EWOULDBLOCK). */
        public static final int EAGAIN = linuxOrMacos(11, 35);
        /** Function not implemented: pidfd_open on a Linux kernel older than 5.3. */
        public static final int ENOSYS = linuxOrMacos(38, 78);

        private Errno() {}
    }

    /** {@code <fcntl.h>}. */
    public static final class Fcntl {
        /** fcntl(2): get the descriptor flags. */
        public static final int F_GETFD = 1;
        /** fcntl(2): set the descriptor flags. */
        public static final int F_SETFD = 2;
        /** fcntl(2): get the status flags. */
        public static final int F_GETFL = 3;
        /** fcntl(2): set the status flags. */
        public static final int F_SETFL = 4;
        /** The close-on-exec descriptor flag. */
        public static final int FD_CLOEXEC = 1;
        /** open(2): write only. */
        public static final int O_WRONLY = 1;
        /** The non-blocking status flag. */
        public static final int O_NONBLOCK = linuxOrMacos(0x800, 0x4);
        /** open(2): create the file if it does not exist. */
        public static final int O_CREAT = linuxOrMacos(0x40, 0x200);
        /** open(2): truncate the file to length 0. */
        public static final int O_TRUNC = linuxOrMacos(0x200, 0x400);

        private Fcntl() {}
    }

    /** {@code <sys/socket.h>}. */
    public static final class SysSocket {
        /** The local (UNIX) address family. */
        public static final int AF_UNIX = 1;
        /** A stream socket. */
        public static final int SOCK_STREAM = 1;
        /** socketpair(2) type flag: non-blocking; macOS has none (set O_NONBLOCK with fcntl). */
        public static final int SOCK_NONBLOCK = linuxOrMacos(0x800, 0);
        /** socketpair(2) type flag: close-on-exec; macOS has none (set FD_CLOEXEC with fcntl). */
        public static final int SOCK_CLOEXEC = linuxOrMacos(0x80000, 0);
        /** The level of socket options and of {@code SCM_RIGHTS} messages. */
        public static final int SOL_SOCKET = linuxOrMacos(1, 0xffff);
        /** The type of a control message that carries descriptors. */
        public static final int SCM_RIGHTS = 1;
        /** recvmsg(2) result flag: control data was cut short (descriptors dropped and closed). */
        public static final int MSG_CTRUNC = linuxOrMacos(0x08, 0x20);
        /** recvmsg(2) flag: received descriptors are close-on-exec; macOS has none (set it with fcntl). */
        public static final int MSG_CMSG_CLOEXEC = linuxOrMacos(0x40000000, 0);
        /** sendmsg(2) flag: no SIGPIPE; macOS has none (the JVM ignores SIGPIPE). */
        public static final int MSG_NOSIGNAL = linuxOrMacos(0x4000, 0);

        private SysSocket() {}
    }

    /** {@code <poll.h>}. */
    public static final class Poll {
        /** Data to read. */
        public static final short POLLIN = 0x1;
        /** Room to write. */
        public static final short POLLOUT = 0x4;

        private Poll() {}
    }

    /** {@code <signal.h>}. */
    public static final class Signal {
        /** Kill, which cannot be caught. */
        public static final int SIGKILL = 9;
        /** Termination request. */
        public static final int SIGTERM = 15;

        private Signal() {}
    }

    /** {@code <sys/wait.h>}. */
    public static final class SysWait {
        /** waitpid(2): return at once if the child has not changed state. */
        public static final int WNOHANG = 1;

        private SysWait() {}
    }

    /** {@code <spawn.h>}. */
    public static final class Spawn {
        /** Reset the signals of the default set to their default action. */
        public static final short POSIX_SPAWN_SETSIGDEF = 0x04;
        /** Set the child's signal mask. */
        public static final short POSIX_SPAWN_SETSIGMASK = 0x08;
        /** macOS only: close every descriptor that no file action names (macOS has no addclosefrom_np). */
        public static final short POSIX_SPAWN_CLOEXEC_DEFAULT = 0x4000;

        private Spawn() {}
    }

    /** {@code <sys/event.h>}: kqueue, macOS only. */
    public static final class SysEvent {
        /** The filter that reports events of a process. */
        public static final short EVFILT_PROC = -5;
        /** Add the event. */
        public static final short EV_ADD = 0x1;
        /** Delete the event after its first report. */
        public static final short EV_ONESHOT = 0x10;
        /** EVFILT_PROC: the process has exited. */
        public static final int NOTE_EXIT = 0x80000000;

        private SysEvent() {}
    }

    /** {@code <sys/syscall.h>}. */
    public static final class SysSyscall {
        /** pidfd_open on Linux (5.3 and later), the same number on every architecture. */
        public static final long SYS_PIDFD_OPEN = 434;

        private SysSyscall() {}
    }
}
