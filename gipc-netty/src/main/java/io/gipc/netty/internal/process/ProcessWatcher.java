package io.gipc.netty.internal.process;

import io.gipc.netty.internal.transport.ChildExitWatch;
import io.gipc.netty.internal.transport.NativeTransport;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one child on an event loop, without a thread of its own, and calls its reaper when the child may
 * have ended; the reaper does {@code waitpid(pid, WNOHANG)} and answers whether the child is gone.
 *
 * <ul>
 *   <li>Linux: a pidfd ({@code pidfd_open}, Linux 5.3 and later) registered with the loop's epoll; it becomes
 *       readable when the child ends.</li>
 *   <li>macOS: a kqueue {@code EVFILT_PROC}/{@code NOTE_EXIT} event on the pid, plus a slow check on the loop's
 *       timer in case the child ended before the event was added (kqueue then reports an error, not the exit).</li>
 *   <li>Elsewhere, or if the kernel has no pidfd_open: a check on the loop's timer.</li>
 * </ul>
 * The native transport says what its loops can watch ({@link NativeTransport#childExitWatch}).
 * Never {@code waitpid(-1)}: that would take the exit status of children the JDK started.
 */
final class ProcessWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWatcher.class);
    private static final long POLL_MILLIS = 50;
    private static final long SAFETY_POLL_MILLIS = 1000;

    private ProcessWatcher() {}

    /**
     * Starts watching.
     *
     * @param loop the loop that watches and runs {@code reaper}
     * @param pid the child, not yet reaped
     * @param reaper reaps the child if it has ended; answers true once it is reaped
     */
    static void watch(IoEventLoop loop, int pid, BooleanSupplier reaper) {
        ChildExitWatch watch = NativeTransport.current().childExitWatch(pid, reaper);
        if (watch == null) {
            poll(loop, pid, reaper, POLL_MILLIS);
            return;
        }
        register(loop, watch, pid, reaper);
        if (watch.missesEarlyExit()) {
            poll(loop, pid, reaper, SAFETY_POLL_MILLIS);
        }
    }

    private static void register(IoEventLoop loop, ChildExitWatch watch, int pid, BooleanSupplier reaper) {
        loop.register(watch.handle()).addListener(f -> {
            if (f.isSuccess()) {
                IoRegistration registration = (IoRegistration) f.getNow();
                registration.submit(watch.ops());
            } else {
                LOG.warn(
                        "cannot watch child {} on the event loop: {}",
                        pid,
                        f.cause().toString());
                closeQuietly(watch);
                poll(loop, pid, reaper, POLL_MILLIS);
            }
        });
    }

    /** Checks on the loop's timer until the child is reaped; the fallback where no exit event exists. */
    private static void poll(IoEventLoop loop, int pid, BooleanSupplier reaper, long periodMillis) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = loop.scheduleWithFixedDelay(
                () -> {
                    if (reaper.getAsBoolean()) {
                        self[0].cancel(false);
                    }
                },
                periodMillis,
                periodMillis,
                TimeUnit.MILLISECONDS);
        LOG.debug("polling child {} every {} ms", pid, periodMillis);
    }

    private static void closeQuietly(ChildExitWatch watch) {
        try {
            watch.handle().close();
        } catch (Exception e) {
            LOG.debug("closing the watch handle failed", e);
        }
    }
}
