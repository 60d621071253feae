package io.gipc.netty.internal.transport;

import io.gipc.GipcException;
import io.gipc.netty.internal.posix.Platform;
import io.netty.channel.Channel;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.kqueue.KQueueIoHandle;
import io.netty.channel.kqueue.KQueueIoHandler;
import java.util.function.BooleanSupplier;

/**
 * Netty's native transport of this OS: epoll on Linux, kqueue on macOS. The only class that names the
 * channel types, with {@link ChildExitWatch}, which it owns, for watching children; so the rest of gipc is the
 * same on both.
 */
public enum NativeTransport {
    /** Linux. */
    EPOLL {
        @Override
        IoHandlerFactory newIoHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        public Channel newDomainChannel(int fd) {
            return new EpollDomainSocketChannel(fd);
        }

        @Override
        public Class<? extends Channel> domainChannelType() {
            return EpollDomainSocketChannel.class;
        }

        @Override
        Class<? extends IoHandle> ioHandleType() {
            return EpollIoHandle.class;
        }

        @Override
        public ChildExitWatch childExitWatch(int pid, BooleanSupplier reaper) {
            return ChildExitWatch.pidfd(pid, reaper);
        }

        @Override
        void ensureAvailable() {
            if (!Epoll.isAvailable()) {
                throw new GipcException(
                        "gipc needs Netty's native epoll transport on Linux, and it is not" + " available here: "
                                + Epoll.unavailabilityCause(),
                        Epoll.unavailabilityCause());
            }
        }
    },
    /** macOS. */
    KQUEUE {
        @Override
        IoHandlerFactory newIoHandlerFactory() {
            return KQueueIoHandler.newFactory();
        }

        @Override
        public Channel newDomainChannel(int fd) {
            return new KQueueDomainSocketChannel(fd);
        }

        @Override
        public Class<? extends Channel> domainChannelType() {
            return KQueueDomainSocketChannel.class;
        }

        @Override
        Class<? extends IoHandle> ioHandleType() {
            return KQueueIoHandle.class;
        }

        @Override
        public ChildExitWatch childExitWatch(int pid, BooleanSupplier reaper) {
            return ChildExitWatch.procExit(pid, reaper);
        }

        @Override
        void ensureAvailable() {
            if (!KQueue.isAvailable()) {
                throw new GipcException(
                        "gipc needs Netty's native kqueue transport on macOS, and it is not" + " available here: "
                                + KQueue.unavailabilityCause(),
                        KQueue.unavailabilityCause());
            }
        }
    };

    /**
     * The transport of this OS, checked to be usable.
     *
     * @return the transport
     * @throws GipcException on an OS gipc does not support, or when Netty's native library cannot load
     */
    public static NativeTransport current() {
        if (Current.TRANSPORT == null) {
            throw new GipcException(Current.FAILURE.getMessage(), Current.FAILURE.getCause());
        }
        return Current.TRANSPORT;
    }

    /** @return a factory of the I/O handlers for an event loop group of this transport */
    abstract IoHandlerFactory newIoHandlerFactory();

    /**
     * A channel over an existing connected, non-blocking AF_UNIX stream socket. The channel owns the descriptor.
     *
     * @param fd the descriptor
     * @return an unregistered channel
     */
    public abstract Channel newDomainChannel(int fd);

    /** @return the channel class, to check a user's event loop group can drive it */
    public abstract Class<? extends Channel> domainChannelType();

    /** @return the kind of I/O handle this transport's event loops drive */
    abstract Class<? extends IoHandle> ioHandleType();

    /**
     * What this transport's event loops can watch to learn that a child may have ended: a pidfd on epoll,
     * {@code EVFILT_PROC} on kqueue.
     *
     * @param pid the child, not yet reaped
     * @param reaper reaps the child if it has ended; answers true once it is reaped
     * @return the watch, or null where the kernel cannot report this child's exit (then poll)
     */
    public abstract ChildExitWatch childExitWatch(int pid, BooleanSupplier reaper);

    abstract void ensureAvailable();

    /** Resolves the transport once; remembers why it failed so every call says so. */
    private static final class Current {
        static final NativeTransport TRANSPORT;
        static final GipcException FAILURE;

        static {
            NativeTransport transport = null;
            GipcException failure = null;
            try {
                switch (Platform.current()) {
                    case LINUX:
                        transport = EPOLL;
                        break;
                    case MACOS:
                        transport = KQUEUE;
                        break;
                    default:
                        failure = new GipcException("gipc runs on Linux (epoll) and macOS (kqueue); this JVM runs on "
                                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
                }
                if (transport != null) {
                    transport.ensureAvailable();
                }
            } catch (GipcException e) {
                failure = e;
            } catch (RuntimeException | LinkageError e) {
                failure = new GipcException(
                        "Netty's native transport could not be loaded on " + System.getProperty("os.name") + " "
                                + System.getProperty("os.arch") + ": " + e,
                        e);
            }
            TRANSPORT = failure == null ? transport : null;
            FAILURE = failure;
        }

        private Current() {}
    }
}
