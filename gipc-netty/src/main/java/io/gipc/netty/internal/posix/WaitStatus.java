package io.gipc.netty.internal.posix;

/** Decodes the status word of waitpid(2); the layout is the same on Linux and macOS. */
public final class WaitStatus {
    private WaitStatus() {}

    /**
     * The exit code in gipc's convention.
     *
     * @param status the status waitpid stored
     * @return the exit status (0-255) for a normal exit, or {@code -N} for death by signal {@code N}
     */
    public static int exitCode(int status) {
        int signal = status & 0x7f;
        if (signal == 0) {
            return (status >> 8) & 0xff;
        }
        return -signal;
    }
}
