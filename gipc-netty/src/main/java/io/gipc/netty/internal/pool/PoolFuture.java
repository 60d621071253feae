package io.gipc.netty.internal.pool;

import io.gipc.netty.internal.transport.LoopFuture;

/**
 * The future of a submitted task or of a {@code map}. Settled exactly once: the pool claims it under its lock
 * ({@link #claim()}) and completes it after releasing the lock, so that callbacks chained on it never run under
 * the lock. {@link #cancel(boolean)} asks the pool, which answers at once and for good (see
 * {@link NettyGipcPool#cancel}).
 *
 * @param <T> the type of the result
 */
final class PoolFuture<T> extends LoopFuture<T> {
    /** Guarded by the pool's lock. */
    private boolean claimed;

    private final NettyGipcPool pool;
    /** What this future waits for: set once, before the future is handed out. */
    private Object work;

    PoolFuture(NettyGipcPool pool) {
        this.pool = pool;
    }

    void work(Object work) {
        this.work = work;
    }

    Object work() {
        return work;
    }

    /**
     * Under the pool's lock: takes the right to settle this future.
     *
     * @return true for the first caller only
     */
    boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /**
     * Under the pool's lock: whether the future was claimed (it is done, or about to be).
     *
     * @return true once claimed
     */
    boolean claimed() {
        return claimed;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (pool.cancel(this, mayInterruptIfRunning)) {
            markCancelled();
            return true;
        }
        return isCancelled();
    }
}
