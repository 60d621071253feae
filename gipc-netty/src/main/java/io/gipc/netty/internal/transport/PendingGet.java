package io.gipc.netty.internal.transport;

import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code get()} waiting in a reader's queue. Settled exactly once, by a message, a failure, its timeout or
 * {@link #cancel(boolean)}; the settler unlocks the handle before completing the future, so whoever sees the
 * future done also sees the handle unlocked.
 *
 * @param <T> the message type
 */
final class PendingGet<T> extends LoopFuture<T> {
    private final Inbound<T> inbound;
    private final Duration timeout;
    private final AtomicBoolean settled = new AtomicBoolean();
    private ScheduledFuture<?> timer;

    PendingGet(Inbound<T> inbound, Duration timeout) {
        this.inbound = inbound;
        this.timeout = timeout;
    }

    /** On the loop: starts the timeout, if any. */
    void startTimer() {
        if (timeout != null && !isDone()) {
            long nanos = saturatedNanos(timeout);
            timer = inbound.loop().schedule(() -> inbound.timedOut(this), Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }
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
            return false;
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
