package io.gipc.netty.internal.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/**
 * The C library calls gipc makes, bound once through JNA: descriptors and sockets, descriptors sent in
 * messages, spawning, watching, reaping and signalling processes. The constants they take are in
 * {@link PosixConstants}.
 *
 * <p>Every call returns -1 and sets errno on failure (read it with {@link Native#getLastError()}), except the
 * {@code posix_spawn*} calls, which return 0 or an error number. The opaque {@code posix_spawn_file_actions_t},
 * {@code posix_spawnattr_t} and {@code sigset_t} objects are passed as pointers to memory the caller allocates
 * generously (see {@link #OPAQUE_SIZE}): glibc keeps a struct there, macOS a pointer.
 */
public interface LibC extends Library {
    /** Bytes to allocate for each opaque object of posix_spawn; far above what any supported C library uses. */
    int OPAQUE_SIZE = 1024;

    /**
     * @return the C library of this process, loaded on first use
     * @throws io.gipc.GipcException if JNA cannot load it, naming the cause
     */
    static LibC get() {
        return Loaded.BINDING.get();
    }

    /** Holds the binding, so that it loads when first used and not with the interface's constants. */
    final class Loaded {
        /** The binding, or why it could not load. */
        static final CLibraryBinding BINDING = new CLibraryBinding();

        private Loaded() {}
    }

    /**
     * socketpair(2).
     *
     * @param domain AF_UNIX
     * @param type SOCK_STREAM, with SOCK_NONBLOCK and SOCK_CLOEXEC where the OS has them
     * @param protocol 0
     * @param fds receives the two descriptors
     * @return 0, or -1 with errno set
     */
    int socketpair(int domain, int type, int protocol, int[] fds);

    /**
     * pipe(2).
     *
     * @param fds receives the read end, then the write end
     * @return 0, or -1 with errno set
     */
    int pipe(int[] fds);

    /**
     * close(2).
     *
     * @param fd the descriptor
     * @return 0, or -1 with errno set
     */
    int close(int fd);

    /**
     * fcntl(2) with an int argument.
     *
     * @param fd the descriptor
     * @param cmd F_GETFD, F_SETFD, F_GETFL or F_SETFL
     * @param arg the argument
     * @return what the command returns, or -1 with errno set
     */
    int fcntl(int fd, int cmd, int arg);

    /**
     * write(2).
     *
     * @param fd the descriptor
     * @param buf the bytes
     * @param count how many bytes of {@code buf} to write
     * @return the number written, or -1 with errno set
     */
    long write(int fd, byte[] buf, long count);

    /**
     * read(2).
     *
     * @param fd the descriptor
     * @param buf where to put the bytes
     * @param count the most to read
     * @return the number read, 0 at end of stream, or -1 with errno set
     */
    long read(int fd, byte[] buf, long count);

    /**
     * poll(2) on an array of {@code struct pollfd} (8 bytes each: int fd, short events, short revents).
     *
     * @param fds the array
     * @param nfds how many entries
     * @param timeoutMillis how long to wait, -1 for ever
     * @return how many entries have events, 0 on timeout, or -1 with errno set
     */
    int poll(Pointer fds, long nfds, int timeoutMillis);

    /**
     * dup(2): a new descriptor for the same open file, without close-on-exec; gipc's tests copy a handle's
     * descriptor with it, as a child would receive it.
     *
     * @param fd the descriptor
     * @return the new descriptor, or -1 with errno set
     */
    int dup(int fd);

    /**
     * strerror(3).
     *
     * @param errnum an error number
     * @return its description
     */
    String strerror(int errnum);

    /**
     * sendmsg(2).
     *
     * @param fd a socket
     * @param msg a {@code struct msghdr}
     * @param flags MSG_* flags
     * @return the number of bytes sent, or -1 with errno set
     */
    long sendmsg(int fd, Pointer msg, int flags);

    /**
     * recvmsg(2).
     *
     * @param fd a socket
     * @param msg a {@code struct msghdr}
     * @param flags MSG_* flags
     * @return the number of bytes received, 0 at end of stream, or -1 with errno set
     */
    long recvmsg(int fd, Pointer msg, int flags);

    /**
     * waitpid(2).
     *
     * @param pid the one child to wait for (never -1: that would reap children of the JDK's own)
     * @param status receives the wait status
     * @param options 0 or {@link PosixConstants.SysWait#WNOHANG}
     * @return the pid, 0 if WNOHANG and still running, or -1 with errno set
     */
    int waitpid(int pid, IntByReference status, int options);

    /**
     * kill(2).
     *
     * @param pid the process
     * @param sig the signal
     * @return 0, or -1 with errno set
     */
    int kill(int pid, int sig);

    /**
     * syscall(2), for pidfd_open on Linux.
     *
     * @param number the system call number
     * @param args its arguments
     * @return what the call returns, or -1 with errno set
     */
    long syscall(long number, Object... args);

    /**
     * posix_spawn(3).
     *
     * @param pid receives the child's pid
     * @param path an absolute path to the executable
     * @param fileActions initialized file actions, or null
     * @param attr initialized attributes, or null
     * @param argv the arguments, argv[0] first (JNA adds the terminating NULL)
     * @param envp the environment as {@code KEY=VALUE} strings
     * @return 0, or an error number
     */
    int posix_spawn(
            IntByReference pid, String path, Pointer fileActions, Pointer attr, StringArray argv, StringArray envp);

    /**
     * posix_spawn_file_actions_init(3).
     *
     * @param fileActions memory of {@link #OPAQUE_SIZE} bytes
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_init(Pointer fileActions);

    /**
     * posix_spawn_file_actions_destroy(3).
     *
     * @param fileActions initialized file actions
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_destroy(Pointer fileActions);

    /**
     * posix_spawn_file_actions_adddup2(3): in the child, {@code dup2(fd, newfd)}, which clears close-on-exec.
     *
     * @param fileActions initialized file actions
     * @param fd the source descriptor
     * @param newfd the number it gets in the child
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

    /**
     * posix_spawn_file_actions_addopen(3): in the child, {@code open(path, oflag, mode)} as descriptor
     * {@code fd} (closing what was there).
     *
     * @param fileActions initialized file actions
     * @param fd the descriptor the file gets in the child
     * @param path the file
     * @param oflag the flags of open(2)
     * @param mode the permissions of a file it creates, before the umask
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

    /**
     * posix_spawn_file_actions_addclose(3).
     *
     * @param fileActions initialized file actions
     * @param fd the descriptor to close in the child
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    /**
     * posix_spawn_file_actions_addclosefrom_np (glibc 2.34 and later): in the child, close every descriptor
     * from {@code from} up.
     *
     * @param fileActions initialized file actions
     * @param from the lowest descriptor to close
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    /**
     * posix_spawn_file_actions_addchdir_np (glibc 2.29 and later, macOS 10.15 and later): in the child,
     * {@code chdir(path)}.
     *
     * @param fileActions initialized file actions
     * @param path the directory
     * @return 0, or an error number
     */
    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    /**
     * posix_spawnattr_init(3).
     *
     * @param attr memory of {@link #OPAQUE_SIZE} bytes
     * @return 0, or an error number
     */
    int posix_spawnattr_init(Pointer attr);

    /**
     * posix_spawnattr_destroy(3).
     *
     * @param attr initialized attributes
     * @return 0, or an error number
     */
    int posix_spawnattr_destroy(Pointer attr);

    /**
     * posix_spawnattr_setflags(3).
     *
     * @param attr initialized attributes
     * @param flags an or of the {@code POSIX_SPAWN_*} flags
     * @return 0, or an error number
     */
    int posix_spawnattr_setflags(Pointer attr, short flags);

    /**
     * posix_spawnattr_setsigmask(3).
     *
     * @param attr initialized attributes
     * @param sigset the child's signal mask
     * @return 0, or an error number
     */
    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    /**
     * posix_spawnattr_setsigdefault(3).
     *
     * @param attr initialized attributes
     * @param sigset the signals whose action is reset to the default in the child
     * @return 0, or an error number
     */
    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    /**
     * sigemptyset(3).
     *
     * @param sigset memory of {@link #OPAQUE_SIZE} bytes
     * @return 0, or -1 with errno set
     */
    int sigemptyset(Pointer sigset);

    /**
     * sigfillset(3); the C library leaves out the signals it reserves for itself.
     *
     * @param sigset memory of {@link #OPAQUE_SIZE} bytes
     * @return 0, or -1 with errno set
     */
    int sigfillset(Pointer sigset);
}
