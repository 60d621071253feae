package io.gipc.netty.internal.process;

import com.sun.jna.Native;
import io.gipc.netty.internal.posix.Platform;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.PosixConstants.Errno;
import io.gipc.netty.internal.posix.PosixConstants.SysSyscall;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.kqueue.KQueueIoHandle;
import io.netty.channel.kqueue.KQueueIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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
 * Never {@code waitpid(-1)}: that would take the exit status of children the JDK started.
 */
final class ProcessWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWatcher.class);
    private static final long POLL_MILLIS = 50;
    private static final long KQUEUE_SAFETY_POLL_MILLIS = 1000;
    private static final short EVFILT_PROC = -5;
    private static final short EV_ADD_ONESHOT = 0x1 | 0x10;
    private static final int NOTE_EXIT = 0x80000000;
    private static volatile boolean pidfdUnavailable;

    private ProcessWatcher() {
    }

    /**
     * Starts watching.
     *
     * @param loop the loop that watches and runs {@code reaper}
     * @param pid the child, not yet reaped
     * @param reaper reaps the child if it has ended; answers true once it is reaped
     */
    static void watch(IoEventLoop loop, int pid, BooleanSupplier reaper) {
        Platform platform = Platform.current();
        if (platform == Platform.LINUX && !pidfdUnavailable) {
            int pidfd = pidfdOpen(pid);
            if (pidfd >= 0) {
                register(loop, new PidfdHandle(pid, pidfd, reaper), EpollIoOps.EPOLLIN, pid);
                return;
            }
        } else if (platform == Platform.MACOS) {
            register(loop, new ProcExitHandle(pid, reaper),
                    KQueueIoOps.newOps(EVFILT_PROC, EV_ADD_ONESHOT, NOTE_EXIT), pid);
            poll(loop, pid, reaper, KQUEUE_SAFETY_POLL_MILLIS);
            return;
        }
        poll(loop, pid, reaper, POLL_MILLIS);
    }

    private static int pidfdOpen(int pid) {
        long fd = LibC.get().syscall(SysSyscall.SYS_PIDFD_OPEN, pid, 0);
        if (fd < 0) {
            int errno = Native.getLastError();
            if (errno == Errno.ENOSYS) {
                pidfdUnavailable = true;
                LOG.debug("pidfd_open is not available (kernel older than 5.3): children are polled");
            } else {
                LOG.debug("pidfd_open({}) failed with errno {}: polling that child", pid, errno);
            }
        }
        return (int) fd;
    }

    private static void register(IoEventLoop loop, IoHandle handle, io.netty.channel.IoOps ops, int pid) {
        loop.register(handle).addListener(f -> {
            if (f.isSuccess()) {
                IoRegistration registration = (IoRegistration) f.getNow();
                registration.submit(ops);
            } else {
                LOG.warn("cannot watch child {} on the event loop: {}", pid, f.cause().toString());
                closeQuietly(handle);
                poll(loop, pid, reaper(handle), POLL_MILLIS);
            }
        });
    }

    private static BooleanSupplier reaper(IoHandle handle) {
        return handle instanceof PidfdHandle p ? p.reaper : ((ProcExitHandle) handle).reaper;
    }

    /** Checks on the loop's timer until the child is reaped; the fallback where no exit event exists. */
    private static void poll(IoEventLoop loop, int pid, BooleanSupplier reaper, long periodMillis) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = loop.scheduleWithFixedDelay(() -> {
            if (reaper.getAsBoolean()) {
                self[0].cancel(false);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        LOG.debug("polling child {} every {} ms", pid, periodMillis);
    }

    private static void closeQuietly(IoHandle handle) {
        try {
            handle.close();
        } catch (Exception e) {
            LOG.debug("closing the watch handle failed", e);
        }
    }

    /** A pidfd on epoll: readable once the child has ended. */
    private static final class PidfdHandle implements EpollIoHandle {
        private final int pid;
        private final FileDescriptor pidfd;
        private final BooleanSupplier reaper;

        PidfdHandle(int pid, int pidfd, BooleanSupplier reaper) {
            this.pid = pid;
            this.pidfd = new FileDescriptor(pidfd);
            this.reaper = reaper;
        }

        @Override
        public FileDescriptor fd() {
            return pidfd;
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            if (reaper.getAsBoolean()) {
                registration.cancel();   // on the loop: removes the fd from epoll before we close it
                closeQuietly(this);
            } else {
                LOG.debug("pidfd of child {} readable but the child is not reaped yet", pid);
            }
        }

        @Override
        public void close() throws IOException {
            if (pidfd.isOpen()) {
                pidfd.close();
            }
        }
    }

    /** kqueue EVFILT_PROC with NOTE_EXIT on the pid; one-shot. */
    private static final class ProcExitHandle implements KQueueIoHandle {
        private final int pid;
        private final BooleanSupplier reaper;

        ProcExitHandle(int pid, BooleanSupplier reaper) {
            this.pid = pid;
            this.reaper = reaper;
        }

        @Override
        public int ident() {
            return pid;
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            // Whatever the event (the exit, or an error because the child had already exited), check once;
            // the safety poll catches a child that had not ended yet.
            reaper.getAsBoolean();
            registration.cancel();
        }

        @Override
        public void close() {
            // nothing to release: the kevent is one-shot and goes with the process
        }
    }
}
