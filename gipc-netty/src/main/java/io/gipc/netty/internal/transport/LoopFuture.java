package io.gipc.netty.internal.transport;

import io.gipc.GipcFuture;
import java.util.function.BooleanSupplier;

/**
 * The {@link GipcFuture} of gipc-netty, for pipes, processes and pools: completed by gipc, refusing to be blocked
 * on from a gipc loop thread. Settled exactly once: whoever settles it first (completion, timeout or cancel)
 * runs its bookkeeping. Subclassed only where an operation can be withdrawn ({@code cancel}).
 *
 * @param <T> the type of the result
 */
public class LoopFuture<T> extends GipcFuture<T> {
    private static final BooleanSupplier IN_GIPC_LOOP = EventLoops::inGipcLoop;

    private final BooleanSupplier onLoopThread;

    /** A pending future that refuses blocking on gipc's loops ({@link EventLoops#inGipcLoop()}). */
    public LoopFuture() {
        this(IN_GIPC_LOOP);
    }

    /**
     * A pending future that refuses blocking on the threads {@code onLoopThread} names, for a child watched on
     * a loop gipc does not know.
     *
     * @param onLoopThread tells whether the calling thread is a loop that completes this future
     */
    public LoopFuture(BooleanSupplier onLoopThread) {
        this.onLoopThread = onLoopThread;
    }

    @Override
    protected boolean isEventLoopThread() {
        return onLoopThread.getAsBoolean();
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
