package io.gipc.netty.internal.posix;

import java.util.Locale;

/**
 * The operating systems gipc supports. The C constants that differ between them are in {@link PosixConstants}.
 */
public enum Platform {
    /** Linux, driven by epoll. */
    LINUX,
    /** macOS, driven by kqueue. */
    MACOS,
    /** Anything else: gipc refuses to run, saying why. */
    UNSUPPORTED;

    private static final Platform CURRENT = detect();

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
}
