package io.gipc.netty.internal.posix;

import java.util.Locale;

/**
 * The operating systems gipc supports and the constants that differ between them. Values are those of the
 * C headers of each OS (Linux: the same on x86_64 and aarch64).
 */
public enum Platform {
    /** Linux, driven by epoll. */
    LINUX("c", 0x800, 0x80000, 4, 0x800, 0x40 | 0x200, 11),
    /** macOS, driven by kqueue. Has no SOCK_NONBLOCK or SOCK_CLOEXEC: set with fcntl after socketpair. */
    MACOS("c", 0, 0, 4, 0x4, 0x200 | 0x400, 35),
    /** Anything else: gipc refuses to run, saying why. */
    UNSUPPORTED("c", 0, 0, 4, 0, 0, 0);

    /** AF_UNIX, the same everywhere. */
    public static final int AF_UNIX = 1;
    /** SOCK_STREAM, the same on Linux and macOS. */
    public static final int SOCK_STREAM = 1;
    /** shutdown(2): no more receptions. */
    public static final int SHUT_RD = 0;
    /** shutdown(2): no more transmissions. */
    public static final int SHUT_WR = 1;
    /** fcntl(2): get descriptor flags. */
    public static final int F_GETFD = 1;
    /** fcntl(2): set descriptor flags. */
    public static final int F_SETFD = 2;
    /** fcntl(2): get status flags. */
    public static final int F_GETFL = 3;
    /** The close-on-exec descriptor flag. */
    public static final int FD_CLOEXEC = 1;
    /** open(2): write only; the same on Linux and macOS. */
    public static final int O_WRONLY = 1;
    /** poll(2): data to read; the same on Linux and macOS. */
    public static final short POLLIN = 0x1;
    /** poll(2): room to write; the same on Linux and macOS. */
    public static final short POLLOUT = 0x4;
    /** errno: interrupted system call; the same on Linux and macOS. */
    public static final int EINTR = 4;

    private static final Platform CURRENT = detect();

    private final String libcName;
    private final int sockNonblock;
    private final int sockCloexec;
    private final int fSetfl;
    private final int oNonblock;
    private final int oCreatTrunc;
    private final int eagain;

    Platform(String libcName, int sockNonblock, int sockCloexec, int fSetfl, int oNonblock, int oCreatTrunc,
             int eagain) {
        this.libcName = libcName;
        this.sockNonblock = sockNonblock;
        this.sockCloexec = sockCloexec;
        this.fSetfl = fSetfl;
        this.oNonblock = oNonblock;
        this.oCreatTrunc = oCreatTrunc;
        this.eagain = eagain;
    }

    /**
     * The platform this JVM runs on.
     *
     * @return the current platform, {@link #UNSUPPORTED} if neither Linux nor macOS
     */
    public static Platform current() {
        return CURRENT;
    }

    private static Platform detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return LINUX;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return MACOS;
        }
        return UNSUPPORTED;
    }

    /** @return the name JNA loads the C library by */
    String libcName() {
        return libcName;
    }

    /** @return SOCK_NONBLOCK, or 0 where socketpair takes no such flag */
    public int sockNonblock() {
        return sockNonblock;
    }

    /** @return SOCK_CLOEXEC, or 0 where socketpair takes no such flag */
    public int sockCloexec() {
        return sockCloexec;
    }

    /** @return F_SETFL */
    public int fSetfl() {
        return fSetfl;
    }

    /** @return O_NONBLOCK */
    public int oNonblock() {
        return oNonblock;
    }

    /** @return O_CREAT | O_TRUNC, for open(2) */
    public int oCreatTrunc() {
        return oCreatTrunc;
    }

    /** @return EAGAIN (EWOULDBLOCK): a non-blocking descriptor is not ready */
    public int eagain() {
        return eagain;
    }
}
