package io.gipc.netty.internal.pool;

import io.gipc.GipcCodecException;
import io.gipc.GipcDuplex;
import io.gipc.GipcFuture;
import io.gipc.netty.internal.transport.EventLoops;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A worker's answers to its pool, put in the order of its tasks. While the worker has more tasks in hand (they
 * came several in one message), an answer may wait a moment so that several go in one {@link
 * WireMessages.Answers}: one write here, one read, one decode and one turn of the pool's lock there, instead of
 * one each. No answer waits longer than {@link #MOST_HELD_NANOS}, even behind a long task: a timer on an event
 * loop sends what is held then (one timer, kept set while answers keep being held). Everything else (the worker's last answer before it waits for more, or any
 * answer while tasks are timed) goes at once.
 *
 * <p>Thread-safe: the worker's main thread and the timer put under this object's monitor, so answers keep their
 * order.
 */
final class WorkerAnswers {
    /** At most this many answers go in one message. */
    static final int MOST_HELD = 64;
    /** No answer is held longer than this: 0.2 ms. */
    static final long MOST_HELD_NANOS = 200_000;

    private final GipcDuplex<Object> pipe;
    private final List<Object> held = new ArrayList<>();
    private final List<Function<GipcCodecException, Object>> fallbacks = new ArrayList<>();
    /** The loop of the timer that sends held answers; one, so that the timer reschedules itself there. */
    private final EventLoop loop = EventLoops.group().next();
    /** Whether the timer is set. */
    private boolean timerSet;
    /** Whether an answer was held since the timer last went off: it stays set while answers keep being held. */
    private boolean heldSinceTimer;
    /** {@link System#nanoTime()} when the oldest answer held now was put. */
    private long oldestHeldNanos;

    WorkerAnswers(GipcDuplex<Object> pipe) {
        this.pipe = pipe;
    }

    /**
     * Puts an answer, or holds it a moment.
     *
     * @param answer the answer
     * @param fallback what to send instead if the codec refuses the answer (it always encodes); null if the
     *     answer always encodes
     * @param mayWait whether more tasks are in hand, so the answer may wait for theirs
     */
    synchronized void send(Object answer, Function<GipcCodecException, Object> fallback, boolean mayWait) {
        if (held.isEmpty()) {
            oldestHeldNanos = System.nanoTime();
        }
        held.add(answer);
        fallbacks.add(fallback);
        if (mayWait && held.size() < MOST_HELD) {
            heldSinceTimer = true;
            if (!timerSet) {
                timerSet = true;
                loop.schedule(this::onTimer, MOST_HELD_NANOS, TimeUnit.NANOSECONDS);
            }
            return;
        }
        flush();
    }

    /** Puts every answer held, in one message if there are several. */
    synchronized void flush() {
        if (held.isEmpty()) {
            return;
        }
        if (held.size() == 1 || RefusedPut.cause(pipe.put(PackedMessages.answers(held))) != null) {
            // One answer, or one of several the codec refused: each goes alone, a refused one as its fallback.
            for (int i = 0; i < held.size(); i++) {
                putAlone(held.get(i), fallbacks.get(i));
            }
        }
        held.clear();
        fallbacks.clear();
    }

    /**
     * On the loop: sends what has been held for {@link #MOST_HELD_NANOS}, and looks again when the answer held now
     * is due. While answers keep being held the timer stays set, rescheduled here on its own loop: holding an
     * answer then costs no wake-up of the loop from the worker's thread (only the first one does). It stops once
     * a whole period went by with nothing held.
     */
    private synchronized void onTimer() {
        long next = MOST_HELD_NANOS;
        if (!held.isEmpty()) {
            long age = System.nanoTime() - oldestHeldNanos;
            if (age >= MOST_HELD_NANOS) {
                flush();
            } else {
                next = MOST_HELD_NANOS - age;
            }
        } else if (!heldSinceTimer) {
            timerSet = false;
            return;
        }
        heldSinceTimer = false;
        loop.schedule(this::onTimer, next, TimeUnit.NANOSECONDS);
    }

    /**
     * Puts one answer. Encoding happens in {@code put}, so a value the codec refuses shows as a future failed at
     * once; the pool then gets the fallback's answer instead.
     */
    private void putAlone(Object answer, Function<GipcCodecException, Object> fallback) {
        GipcFuture<Void> put = pipe.put(answer);
        Throwable cause = RefusedPut.cause(put);
        if (cause instanceof GipcCodecException) {
            if (fallback == null) {
                throw (GipcCodecException) cause;
            }
            pipe.put(fallback.apply((GipcCodecException) cause));
        }
    }
}
