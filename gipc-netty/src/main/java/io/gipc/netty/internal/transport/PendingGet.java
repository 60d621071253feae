package io.gipc.netty.internal.transport;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code get()} waiting in a reader's queue. Settled exactly once, by a message, a failure, its timeout or
 * {@link #cancel(boolean)}; the settler unlocks the handle before completing the future, so whoever sees the
 * future done also sees the handle unlocked.
 *
 * <p>Who waits on the socket for its message is decided once for each stretch of waiting: the loop (which then reads
 * for it and runs its timer), or the thread that blocks on it ({@link #join()} and the {@code get}s), which then
 * waits on the socket itself and reads its message directly ({@link Inbound#awaitOnCaller}), until it gives the
 * get back to the loop.
 *
 * @param <T> the message type
 */
final class PendingGet<T> extends LoopFuture<T> {
    /** Nobody waits on the socket for this get yet. */
    private static final int UNCLAIMED = 0;
    /** The thread blocked on this get waits on the socket itself. */
    private static final int CALLER = 1;
    /** The loop reads for this get, for good. */
    private static final int LOOP = 2;

    private final Inbound<T> inbound;
    private final Duration timeout;
    /** When the timeout expires ({@link System#nanoTime()}), if there is one. */
    private final long deadline;

    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicInteger waiter = new AtomicInteger(UNCLAIMED);
    private ScheduledFuture<?> timer;

    PendingGet(Inbound<T> inbound, Duration timeout) {
        this.inbound = inbound;
        this.timeout = timeout;
        this.deadline = timeout == null
                ? 0
                : System.nanoTime() + Math.max(0, Math.min(saturatedNanos(timeout), Long.MAX_VALUE / 4));
    }

    /** On the loop: starts the timeout, if any, for what is left of it. */
    void startTimer() {
        if (timeout != null && !isDone() && timer == null) {
            timer = inbound.loop()
                    .schedule(
                            () -> inbound.timedOut(this),
                            Math.max(0, nanosLeft(System.nanoTime())),
                            TimeUnit.NANOSECONDS);
        }
    }

    /** @return whether this get has a timeout */
    boolean hasTimeout() {
        return timeout != null;
    }

    /** @return the nanoseconds left of the timeout at {@code now}; meaningful only with {@link #hasTimeout()} */
    long nanosLeft(long now) {
        return deadline - now;
    }

    /** Its blocked caller takes the wait on the socket, unless the loop has it. */
    boolean claimForCaller() {
        return waiter.compareAndSet(UNCLAIMED, CALLER);
    }

    /** Its caller stops waiting on the socket (the loop takes the get over next). */
    void releaseFromCaller() {
        waiter.compareAndSet(CALLER, UNCLAIMED);
    }

    /** On the loop: takes the wait for good, unless its caller holds it now. */
    boolean takeForLoop() {
        return waiter.compareAndSet(UNCLAIMED, LOOP) || waiter.get() == LOOP;
    }

    /** @return whether its caller waits on the socket now, so the loop must not ask to read for it */
    boolean heldByCaller() {
        return waiter.get() == CALLER;
    }

    /**
     * Settles this get for a message its caller read and is about to decode: unlocks the handle; the future completes
     * with {@link #succeedNow} or {@link #failNow} right after. A cancel meanwhile waits for that.
     *
     * @return false if it was settled already (cancelled, timed out or failed): the message goes to the next get
     */
    boolean reserve() {
        return settle();
    }

    @Override
    public T join() {
        inbound.awaitOnCaller(this, Long.MAX_VALUE);
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        inbound.awaitOnCaller(this, Long.MAX_VALUE); // returns at an interrupt, which super.get() then reports
        return super.get();
    }

    @Override
    public T get(long waitTime, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long wait = unit.toNanos(waitTime);
        inbound.awaitOnCaller(this, wait);
        return super.get(Math.max(0, wait - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
    }

    /** On the loop: the first byte of this get's message arrived, so the timeout no longer applies. */
    void stopTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    boolean deliver(T message) {
        if (!settle()) {
            return false;
        }
        succeed(message);
        return true;
    }

    boolean failWith(Throwable failure) {
        if (!settle()) {
            return false;
        }
        fail(failure);
        return true;
    }

    TimeoutException timeoutException() {
        return new TimeoutException("no message began to arrive on " + inbound.handleName() + " within " + timeout);
    }

    /**
     * Withdraws this get: when it returns true the handle is unlocked, and a message that arrives later goes to
     * the next get.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!settle()) {
            // Settled by a message, a failure or the timeout, on the loop: that settler completes the future in
            // the next few instructions. Wait for it, so that a false answer always comes with isDone().
            while (!isDone()) {
                Thread.onSpinWait();
            }
            return isCancelled();
        }
        markCancelled();
        inbound.withdraw(this);
        return true;
    }

    private boolean settle() {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        inbound.state().endOperation(HandleState.Op.GET);
        return true;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
