package io.gipc.netty.internal.process;

import io.gipc.GipcFuture;

import java.util.function.BooleanSupplier;

/**
 * A {@link GipcFuture} of a child process ({@code join()}, {@code join(Duration)}), completed by the
 * process code only; blocking on it from a gipc event-loop thread is refused.
 *
 * @param <T> the result type
 */
final class ProcessFuture<T> extends GipcFuture<T> {
    private final BooleanSupplier inEventLoop;

    /**
     * A pending future.
     *
     * @param inEventLoop tells whether the calling thread is a gipc event-loop thread
     */
    ProcessFuture(BooleanSupplier inEventLoop) {
        this.inEventLoop = inEventLoop;
    }

    @Override
    protected boolean isEventLoopThread() {
        return inEventLoop.getAsBoolean();
    }

    /**
     * Completes the future.
     *
     * @param value the result
     * @return true if this call completed it
     */
    boolean resolve(T value) {
        return succeed(value);
    }

    /**
     * Fails the future.
     *
     * @param cause why
     * @return true if this call completed it
     */
    boolean reject(Throwable cause) {
        return fail(cause);
    }
}
