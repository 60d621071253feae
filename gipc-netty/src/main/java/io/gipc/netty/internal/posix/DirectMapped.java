package io.gipc.netty.internal.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The C library's calls made on the message path, bound through JNA's direct mapping (the cheapest way JNA calls
 * C: no reflection or argument conversion per call), on first use. {@link LibC} keeps the calls made once per
 * handle or child.
 */
final class DirectMapped {
    /** Whether the calls could be bound; if not, their users fall back to the event loop. */
    static final boolean LOADED = register();

    private DirectMapped() {}

    private static boolean register() {
        try {
            Native.register(DirectMapped.class, NativeLibrary.getInstance("c"));
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** poll(2) of an array of {@code struct pollfd}, each two ints (fd, then events and revents as shorts). */
    static native int poll(int[] fds, long nfds, int timeoutMillis);

    /** recvmsg(2); the message's address as a {@code long}: a pointer on the 64-bit CPUs gipc runs on. */
    static native long recvmsg(int fd, long msg, int flags);
}
