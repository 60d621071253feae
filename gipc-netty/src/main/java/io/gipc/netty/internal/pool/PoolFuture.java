package io.gipc.netty.internal.pool;

import io.gipc.GipcFuture;
import io.gipc.netty.internal.transport.LoopFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a submitted task or of a {@code map}. Settled exactly once: the pool claims it under its lock
 * ({@link #claim()}) and completes it after releasing the lock, so that callbacks chained on it never run under
 * the lock. {@link #cancel(boolean)} asks the pool, which answers at once and for good (see
 * {@link NettyGipcPool#cancel}). A thread that blocks on it in {@code get} or {@code join} reads its task's answer
 * itself when it can ({@link #readAnswerHere}); callbacks chained on it then run on that thread.
 *
 * @param <T> the type of the result
 */
final class PoolFuture<T> extends LoopFuture<T> {
    /** Guarded by the pool's lock. */
    private boolean claimed;

    private final NettyGipcPool pool;
    /**
     * Whether its task went straight to an idle worker when it was submitted: only then may a thread blocked on it
     * read the answer itself (a task that waited was sent by an event loop, which reads its answer); the others
     * skip the pool's lock in {@code get} and {@code join}.
     */
    private volatile boolean sentToIdleWorker;

    /** What this future waits for: set once, before the future is handed out. */
    private Object work;

    PoolFuture(NettyGipcPool pool) {
        this.pool = pool;
    }

    /** Its task went straight to an idle worker from the submitting thread. */
    void sentToIdleWorker() {
        sentToIdleWorker = true;
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
    public T get() throws InterruptedException, ExecutionException {
        readAnswerHere(Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long wait = unit.toNanos(timeout);
        readAnswerHere(wait);
        return super.get(Math.max(0, wait - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
    }

    @Override
    public T join() {
        readAnswerHere(Long.MAX_VALUE);
        return super.join();
    }

    /**
     * On a thread that blocks on this future: while its task is its worker's current one, waits for the worker's
     * next message on the pipe's socket itself and reads it there (the pipe's get does that for a blocked
     * caller), so that the answer completes this future on this thread: no wake-up of the event loop, then of
     * this thread. The pool's bookkeeping for the message runs here too, under its lock, as it would on the loop.
     * Returns when the future is done, the wait is up, the thread is interrupted (its flag set again), or the
     * answer is the loop's to read; the caller then waits as usual.
     */
    private void readAnswerHere(long waitNanos) {
        if (!sentToIdleWorker || isDone() || isEventLoopThread()) {
            return;
        }
        long start = System.nanoTime();
        GipcFuture<Object> last = null;
        while (!isDone()) {
            GipcFuture<Object> reader = pool.answerReader(this);
            if (reader == null || reader == last || reader.isDone()) {
                return; // the loop has it, or is busy handing out what it read
            }
            last = reader;
            long left = waitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : waitNanos - (System.nanoTime() - start);
            if (left <= 0) {
                return;
            }
            try {
                if (left == Long.MAX_VALUE) {
                    reader.get();
                } else {
                    reader.get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller's wait reports it
                return;
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                return; // the pool hears of a failed read in its own callback
            }
        }
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
