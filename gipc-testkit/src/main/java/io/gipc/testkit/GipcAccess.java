package io.gipc.testkit;

import io.gipc.GProcess;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.spi.GipcProvider;
import java.util.List;

/**
 * What the test kit asks of gipc, answering "nothing" when no implementation is on the class path (a project
 * that uses only the API, or the test kit's own tests): the checks that need gipc are then skipped, the others
 * still run.
 */
final class GipcAccess {
    private static volatile Boolean available;

    private GipcAccess() {}

    /**
     * Tells whether a gipc implementation was found.
     *
     * @return true if {@link GipcProvider#get()} works
     */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                GipcProvider.get();
                a = Boolean.TRUE;
            } catch (GipcException e) {
                a = Boolean.FALSE;
            }
            available = a;
        }
        return a;
    }

    /**
     * The open handles of this JVM.
     *
     * @return the handles, oldest first; none without an implementation
     */
    static List<GipcHandle> openHandles() {
        return available() ? GipcProvider.get().openHandles() : List.of();
    }

    /**
     * The gipc children of this JVM that have not ended.
     *
     * @return the children, oldest first; none without an implementation
     */
    static List<GProcess> activeChildren() {
        return available() ? GipcProvider.get().activeChildren() : List.of();
    }

    /**
     * Closes a handle even if operations are pending on it.
     *
     * @param handle the handle
     * @param reason why
     * @return true if this call closed it
     */
    static boolean forceClose(GipcHandle handle, String reason) {
        return GipcProvider.get().forceClose(handle, reason);
    }

    /**
     * Opens and closes one raw pipe, so that what gipc keeps for the life of the JVM (its event loop and the
     * loop's descriptors) exists before a test's baseline is taken. Does nothing without an implementation or
     * on a platform gipc does not support.
     */
    static void startEventLoop() {
        if (!available()) {
            return;
        }
        try {
            GipcPipe<byte[]> pipe = GipcProvider.get().pipe(null, null, io.gipc.GipcPipeOptions.defaults());
            pipe.close();
        } catch (GipcException unsupportedPlatform) {
            // pipes cannot be made here; neither can a test's, so there is nothing to warm up
        }
    }
}
