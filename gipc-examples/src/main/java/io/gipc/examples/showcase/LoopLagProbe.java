package io.gipc.examples.showcase;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures how responsive event loops are: a timer on each loop asks to run every {@code period}, and records
 * how late it ran. A loop that something blocks runs its timers late by as long as the block lasted, so the
 * lateness is what any other task on that loop (an HTTP request, a pipe callback) would have waited.
 */
public final class LoopLagProbe implements AutoCloseable {
    private final EventLoopGroup group;
    private final long periodNanos;
    private final Samples lateness = new Samples();
    private final List<Tick> ticks = new ArrayList<>();
    private volatile boolean running;

    /**
     * A probe; {@link #start()} starts it.
     *
     * @param group the loops to watch
     * @param period how often each loop's timer asks to run
     */
    public LoopLagProbe(EventLoopGroup group, Duration period) {
        this.group = group;
        this.periodNanos = period.toNanos();
    }

    /** Schedules the first tick on every loop of the group. */
    public synchronized void start() {
        running = true;
        for (EventExecutor loop : group) {
            Tick tick = new Tick(loop);
            ticks.add(tick);
            tick.schedule();
        }
    }

    /**
     * How late the timers ran, one sample per tick of any loop.
     *
     * @return the samples, in nanoseconds
     */
    public Samples lateness() {
        return lateness;
    }

    /**
     * How many loops are watched.
     *
     * @return the number of loops
     */
    public synchronized int loops() {
        return ticks.size();
    }

    /**
     * The period of the timers.
     *
     * @return the period
     */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /** Stops the timers. */
    @Override
    public synchronized void close() {
        running = false;
        ticks.forEach(Tick::cancel);
    }

    /** One loop's timer: it reschedules itself, so a late tick does not cause a burst of catch-up ticks. */
    private final class Tick implements Runnable {
        private final EventExecutor loop;
        private long due;
        private volatile ScheduledFuture<?> next;

        Tick(EventExecutor loop) {
            this.loop = loop;
        }

        void schedule() {
            due = System.nanoTime() + periodNanos;
            next = loop.schedule(this, periodNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            lateness.add(Math.max(0, System.nanoTime() - due));
            if (running) {
                schedule();
            }
        }

        void cancel() {
            ScheduledFuture<?> f = next;
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
