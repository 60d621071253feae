package io.gipc.examples.support;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.channel.kqueue.KQueueServerSocketChannel;
import io.netty.channel.kqueue.KQueueSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The native transport of this OS (epoll on Linux, kqueue on macOS): the kind of event loop group that gipc can
 * share with a server, and the TCP channel types that go with it.
 */
public enum NativeLoops {
    /** Linux. */
    EPOLL,
    /** macOS and the BSDs. */
    KQUEUE;

    /**
     * The transport of this OS.
     *
     * @return epoll where available, else kqueue
     * @throws IllegalStateException if neither is available
     */
    public static NativeLoops current() {
        if (Epoll.isAvailable()) {
            return EPOLL;
        }
        if (KQueue.isAvailable()) {
            return KQUEUE;
        }
        throw new IllegalStateException("neither epoll nor kqueue is available: " + Epoll.unavailabilityCause());
    }

    /**
     * A new group of event loops of this transport.
     *
     * @param threads how many loops
     * @param name the prefix of the loop threads' names
     * @return the group; shut it down when done
     */
    public EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : KQueueIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, false), factory);
    }

    /**
     * The server-socket channel type of this transport.
     *
     * @return the class to give {@code ServerBootstrap.channel}
     */
    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : KQueueServerSocketChannel.class;
    }

    /**
     * The client socket channel type of this transport.
     *
     * @return the class to give {@code Bootstrap.channel}
     */
    public Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : KQueueSocketChannel.class;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
