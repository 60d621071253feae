package io.gipc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The result of a gipc operation: a {@link CompletableFuture} that only gipc completes.
 *
 * <p>gipc completes it on its event loop; callers only read it. The methods that would complete it from
 * outside ({@code complete}, {@code completeExceptionally}, {@code completeAsync}, {@code obtrudeValue},
 * {@code obtrudeException}, {@code orTimeout}, {@code completeOnTimeout}) throw
 * {@link UnsupportedOperationException}: use {@link GipcReader#get(java.time.Duration)} or
 * {@link GProcess#join(java.time.Duration)} for timeouts, or {@link #copy()} for a future of your own.
 * Dependent stages ({@code thenApply} and the like) are plain {@code CompletableFuture}s.
 *
 * <p>{@code cancel} is honoured only where the operation says so: a pending {@link GipcReader#get()} is
 * withdrawn (the handle is unlocked when {@code cancel} returns, and no message is lost); a {@code put()}
 * cannot be cancelled ({@code cancel} returns false), because a message is never torn.
 *
 * <p>Blocking on a pending future ({@link #join()}, {@link #get()}, {@link #get(long, TimeUnit)}) from one of
 * gipc's event-loop threads throws {@link IllegalStateException} instead of deadlocking that loop.
 *
 * <p>Implementations subclass it; users never need to.
 *
 * @param <T> the type of the result
 */
public abstract class GipcFuture<T> extends CompletableFuture<T> {

    /** For implementations of gipc. */
    protected GipcFuture() {}

    /**
     * Completes this future with a value; for the implementation only.
     *
     * @param value the result
     * @return true if this call completed the future
     */
    protected final boolean succeed(T value) {
        return super.complete(value);
    }

    /**
     * Fails this future; for the implementation only.
     *
     * @param failure why the operation failed
     * @return true if this call completed the future
     */
    protected final boolean fail(Throwable failure) {
        return super.completeExceptionally(failure);
    }

    /**
     * Cancels this future as {@link CompletableFuture#cancel(boolean)} does; for implementations whose
     * {@link #cancel(boolean)} has first withdrawn the operation.
     *
     * @return true if this call cancelled the future
     */
    protected final boolean markCancelled() {
        return super.cancel(false);
    }

    /**
     * Tells whether the calling thread is one of gipc's event-loop threads, where blocking is refused.
     *
     * @return true on an event-loop thread
     */
    protected abstract boolean isEventLoopThread();

    /**
     * Not cancellable unless the operation says otherwise (see the class comment).
     *
     * @param mayInterruptIfRunning ignored
     * @return false unless a subclass withdraws the operation
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        refuseBlockingOnEventLoop();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseBlockingOnEventLoop();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        refuseBlockingOnEventLoop();
        return super.join();
    }

    private void refuseBlockingOnEventLoop() {
        if (!isDone() && isEventLoopThread()) {
            throw new IllegalStateException("blocking on a pending gipc future from its event-loop thread "
                    + Thread.currentThread().getName() + " would deadlock that loop; chain a callback instead");
        }
    }

    /**
     * Dependent stages are plain futures that their owner may complete.
     */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    /**
     * A plain {@code CompletableFuture} that completes as this one does, and that the caller may complete,
     * time out or cancel without affecting this one.
     *
     * @return a new future of your own
     */
    @Override
    public CompletableFuture<T> copy() {
        return super.copy();
    }

    private static UnsupportedOperationException onlyGipcCompletes(String method) {
        return new UnsupportedOperationException(method + "() is not allowed on a GipcFuture: gipc completes it."
                + " Use get(Duration)/join(Duration) for timeouts or copy() for a future of your own");
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public boolean complete(T value) {
        throw onlyGipcCompletes("complete");
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public boolean completeExceptionally(Throwable ex) {
        throw onlyGipcCompletes("completeExceptionally");
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
        throw onlyGipcCompletes("completeAsync");
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
        throw onlyGipcCompletes("completeAsync");
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public void obtrudeValue(T value) {
        throw onlyGipcCompletes("obtrudeValue");
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public void obtrudeException(Throwable ex) {
        throw onlyGipcCompletes("obtrudeException");
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
        throw onlyGipcCompletes("orTimeout");
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
        throw onlyGipcCompletes("completeOnTimeout");
    }
}
