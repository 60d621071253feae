package io.gipc.netty.internal.transport;

import com.sun.jna.Native;
import io.gipc.netty.internal.posix.LibC;
import io.gipc.netty.internal.posix.PosixConstants.Errno;
import io.gipc.netty.internal.posix.PosixConstants.SysEvent;
import io.gipc.netty.internal.posix.PosixConstants.SysSyscall;
import io.netty.channel.IoEvent;
import io.netty.channel.IoHandle;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.kqueue.KQueueIoHandle;
import io.netty.channel.kqueue.KQueueIoOps;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an event loop of the {@link NativeTransport} watches to learn that a child may have ended, so that no
 * thread waits for it: register {@link #handle()} with the loop, then submit {@link #ops()}. The handle calls the
 * child's reaper (which does {@code waitpid(pid, WNOHANG)} and answers whether the child is gone) when the kernel
 * reports the exit. Made by {@link NativeTransport#childExitWatch}; the epoll and kqueue types are named only
 * here and there.
 *
 * @param handle the I/O handle to register with the loop; it calls the reaper
 * @param ops what to submit once the handle is registered
 * @param missesEarlyExit whether a child that ended before the watch was added may go unreported (kqueue reports
 *        an error then, not the exit), so that the caller also checks on a slow timer
 */
public record ChildExitWatch(IoHandle handle, IoOps ops, boolean missesEarlyExit) {
    private static final Logger LOG = LoggerFactory.getLogger(ChildExitWatch.class);
    private static volatile boolean pidfdUnavailable;

    /**
     * Linux: a pidfd ({@code pidfd_open}, Linux 5.3 and later) on epoll, readable once the child has ended.
     *
     * @return the watch, or null if the kernel has no pidfd_open or it failed for this child
     */
    static ChildExitWatch pidfd(int pid, BooleanSupplier reaper) {
        if (pidfdUnavailable) {
            return null;
        }
        long fd = LibC.get().syscall(SysSyscall.SYS_PIDFD_OPEN, pid, 0);
        if (fd < 0) {
            int errno = Native.getLastError();
            if (errno == Errno.ENOSYS) {
                pidfdUnavailable = true;
                LOG.debug("pidfd_open is not available (kernel older than 5.3): children are polled");
            } else {
                LOG.debug("pidfd_open({}) failed with errno {}: polling that child", pid, errno);
            }
            return null;
        }
        return new ChildExitWatch(new PidfdHandle(pid, (int) fd, reaper), EpollIoOps.EPOLLIN, false);
    }

    /** macOS: a kqueue {@code EVFILT_PROC}/{@code NOTE_EXIT} event on the pid; one-shot. */
    static ChildExitWatch procExit(int pid, BooleanSupplier reaper) {
        short addOnce = (short) (SysEvent.EV_ADD | SysEvent.EV_ONESHOT);
        return new ChildExitWatch(
                new ProcExitHandle(pid, reaper),
                KQueueIoOps.newOps(SysEvent.EVFILT_PROC, addOnce, SysEvent.NOTE_EXIT),
                true);
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
                registration.cancel(); // on the loop: removes the fd from epoll before we close it
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
