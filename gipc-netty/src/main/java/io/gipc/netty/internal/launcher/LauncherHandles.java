package io.gipc.netty.internal.launcher;

import io.gipc.GipcHandle;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.transport.EventLoops;
import io.gipc.netty.internal.transport.HandleDescriptor;
import io.gipc.netty.internal.transport.HandleTransfer;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The launcher's work with gipc's transport: rebuilding the inherited handles, and at the end waiting for what
 * the target put and stopping the event loops. Kept apart from {@link ChildMain}, so that a child that has no
 * handles and whose target never uses gipc loads neither the transport nor Netty.
 */
final class LauncherHandles {
    private LauncherHandles() {}

    /**
     * Rebuilds an inherited handle.
     *
     * @param fd its descriptor
     * @param descriptor its {@link HandleDescriptor}, encoded by the default codec
     * @return the handle
     */
    static GipcHandle adopt(int fd, byte[] descriptor) {
        TransportUse.mark();
        return HandleTransfer.adopt(fd, (HandleDescriptor) DefaultCodec.decode(descriptor));
    }

    /**
     * Waits until every message put on a handle of this JVM is written, then closes the given handles.
     *
     * @param handles the handles the child was given
     */
    static void settle(List<GipcHandle> handles) throws InterruptedException {
        try {
            HandleTransfer.pendingWrites().get();
        } catch (ExecutionException e) {
            // a failed put was reported to the target through its future
        }
        for (GipcHandle h : handles) {
            if (!h.isClosed() && !h.isLocked()) {
                try {
                    h.close();
                } catch (RuntimeException e) {
                    // closed or locked meanwhile: the exit releases it
                }
            }
        }
    }

    /** Stops gipc's default event loops, if they were made. */
    static void stopEventLoops() {
        EventLoops.shutdownDefaultGroup();
    }
}
