package io.gipc.netty.internal.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few C library calls gipc needs for descriptors, bound through JNA. Spawning and reaping have their own
 * bindings. Every call returns -1 and sets errno on failure; read it with {@link Native#getLastError()}.
 */
public interface LibC extends Library {
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
        static final CLibraryBinding<LibC> BINDING = new CLibraryBinding<>(LibC.class);

        private Loaded() {
        }
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
     * shutdown(2).
     *
     * @param fd a socket
     * @param how SHUT_RD, SHUT_WR or SHUT_RDWR
     * @return 0, or -1 with errno set
     */
    int shutdown(int fd, int how);

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
    int poll(com.sun.jna.Pointer fds, long nfds, int timeoutMillis);

    /**
     * dup(2): a new descriptor for the same open file, without close-on-exec.
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
}
