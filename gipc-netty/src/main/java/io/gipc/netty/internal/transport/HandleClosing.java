package io.gipc.netty.internal.transport;

import io.gipc.GipcHandle;
import java.util.concurrent.CompletableFuture;

/** Closing a handle from a loop callback without waiting on the loop, with a future of the descriptor's close. */
public final class HandleClosing {
    private HandleClosing() {}

    /**
     * Closes a handle of gipc-netty by force on its own event loop (so the caller never waits); pending
     * operations fail with a {@link io.gipc.GipcClosedException} giving {@code reason}.
     *
     * @param handle the handle
     * @param reason why, for the failures of its pending operations
     * @return completes once the descriptor is closed (at once if the handle was closed already)
     */
    public static CompletableFuture<Void> closeOnItsLoop(GipcHandle handle, String reason) {
        AbstractHandle<?> h = (AbstractHandle<?>) handle;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        h.channel().closeFuture().addListener(f -> closed.complete(null));
        try {
            h.channel().eventLoop().execute(() -> h.forceClose(reason));
        } catch (java.util.concurrent.RejectedExecutionException deadLoop) {
            h.forceClose(reason);
            closed.complete(null);
        }
        return closed;
    }
}
