package io.gipc.netty.internal.transport;

import io.gipc.GipcFuture;

/**
 * A {@link GipcFuture} of gipc-netty: completed by gipc, refusing to be blocked on from a gipc loop thread.
 * Settled exactly once: whoever settles it first (completion, timeout or cancel) runs its bookkeeping.
 *
 * @param <T> the type of the result
 */
public class LoopFuture<T> extends GipcFuture<T> {

    /** A pending future. */
    public LoopFuture() {
    }

    @Override
    protected boolean isEventLoopThread() {
        return EventLoops.inGipcLoop();
    }

    /**
     * Completes with a value.
     *
     * @param value the result
     * @return true if this call completed the future
     */
    public boolean succeedNow(T value) {
        return succeed(value);
    }

    /**
     * Fails.
     *
     * @param failure the reason
     * @return true if this call completed the future
     */
    public boolean failNow(Throwable failure) {
        return fail(failure);
    }

    /**
     * A future already failed, for operations refused before they start.
     *
     * @param <T> the type of the result
     * @param failure the reason
     * @return a failed future
     */
    public static <T> LoopFuture<T> failed(Throwable failure) {
        LoopFuture<T> f = new LoopFuture<>();
        f.fail(failure);
        return f;
    }
}
