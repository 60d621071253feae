package io.gipc.netty.internal.posix;

import com.sun.jna.Native;
import io.gipc.GipcException;

/**
 * The JNA binding of the C library, loaded once, when first used. If JNA cannot load (its native part cannot be
 * unpacked or found), every call says why with a {@link GipcException}: JNA alone throws an
 * {@code UnsatisfiedLinkError} once and then a {@code NoClassDefFoundError} that hides the reason.
 */
final class CLibraryBinding {

    private final LibC instance;
    private final Throwable failure;

    CLibraryBinding() {
        LibC loaded = null;
        Throwable failed = null;
        try {
            loaded = Native.load("c", LibC.class);
        } catch (LinkageError | RuntimeException e) {
            failed = e;
        }
        instance = loaded;
        failure = failed;
    }

    /**
     * @return the binding
     * @throws GipcException if JNA could not load it, naming the cause
     */
    LibC get() {
        if (failure != null) {
            throw new GipcException(
                    "gipc could not load the C library through JNA: " + failure
                            + " (JNA unpacks its native part into jna.tmpdir, by default a cache directory of the user;"
                            + " set -Djna.tmpdir to a directory where files may be executed)",
                    failure);
        }
        return instance;
    }
}
