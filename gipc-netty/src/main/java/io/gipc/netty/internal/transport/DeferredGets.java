package io.gipc.netty.internal.transport;

import io.netty.channel.EventLoop;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One reader's deferred gets: gets made off the event loop that found nothing in the socket, queued for the loop
 * without telling it. The thread that makes such a get usually blocks on it next and reads the message itself
 * (waiting on the socket), so telling the loop would wake it for nothing, once per message. Whatever else needs the
 * loop tells it ({@link PendingGet}); this class makes sure that a get nobody waits on in any way gipc can see (a
 * future observed only through {@code CompletableFuture.allOf}, or not at all) still completes by itself.
 *
 * <p>While gets are being deferred, a sweep runs on the loop every {@value #SWEEP_MILLIS} ms: a deferred get that
 * has waited a whole period since the previous sweep with nobody reading it is taken in by the loop (which then
 * reads for it), and the reader stops deferring until a thread blocks on one of its gets again, so a reader whose
 * gets are observed that way pays that delay once, not per message. The sweeps stop after a period with no deferral.
 * One wake-up of the loop per period while a caller loops on {@code get().join()}, instead of one per message.
 *
 * @param <T> the message type
 */
final class DeferredGets<T> {
    static final long SWEEP_MILLIS = 1;

    private final Queue<PendingGet<T>> arriving;
    private final Supplier<EventLoop> loop;
    private final Runnable serve;
    private final Runnable sweepTask = this::sweep;

    /** How many gets were deferred so far; each deferred get keeps its number. */
    private final AtomicLong deferrals = new AtomicLong();
    /** True while sweeps run: a sweep is scheduled, or the task that schedules the first one. */
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** The number of deferrals when the last sweep ran; loop-confined. */
    private long deferralsAtLastSweep;
    /** False once a sweep had to take in a get: gets go to the loop at once until a thread blocks on one. */
    private volatile boolean deferring = true;

    /**
     * @param arriving the reader's queue of gets made off the loop, which deferred gets join
     * @param loop the reader's event loop
     * @param serve on the loop: takes in the arriving gets and serves them
     */
    DeferredGets(Queue<PendingGet<T>> arriving, Supplier<EventLoop> loop, Runnable serve) {
        this.arriving = arriving;
        this.loop = loop;
        this.serve = serve;
    }

    /** @return whether gets of this reader may be deferred now */
    boolean deferring() {
        return deferring;
    }

    /** A thread blocks on a get of this reader: deferring pays again. */
    void callerWaits() {
        if (!deferring) {
            deferring = true;
        }
    }

    /** Marks a get deferred; call before it joins the queue of arriving gets, then {@link #sweepSoon()}. */
    void defer(PendingGet<T> get) {
        get.defer(deferrals.incrementAndGet());
    }

    /** After a get was deferred: makes sure sweeps run (one task for the loop when they had stopped). */
    void sweepSoon() {
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            try {
                loop.get().execute(this::startSweeps);
            } catch (RejectedExecutionException e) {
                sweeping.set(false); // the loop is gone: a wait on the get tells it, and fails the get
            }
        }
    }

    private void startSweeps() {
        deferralsAtLastSweep = deferrals.get();
        loop.get().schedule(sweepTask, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** On the loop, every period while gets are deferred: takes in the deferred gets nobody reads. */
    private void sweep() {
        long last = deferralsAtLastSweep;
        long now = deferrals.get();
        for (PendingGet<T> get : arriving) {
            if (get.deferredUnwatchedSince(last)) {
                deferring = false;
                serve.run();
                break;
            }
        }
        deferralsAtLastSweep = now;
        if (now == last) {
            // A period without deferrals: stop, unless one came just now (its caller may have seen sweeps running).
            sweeping.set(false);
            if (deferrals.get() == now || !sweeping.compareAndSet(false, true)) {
                return;
            }
        }
        loop.get().schedule(sweepTask, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }
}
