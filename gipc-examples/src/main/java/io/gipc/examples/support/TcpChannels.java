package io.gipc.examples.support;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.kqueue.KQueueServerSocketChannel;
import io.netty.channel.kqueue.KQueueSocketChannel;
import io.netty.channel.socket.SocketChannel;

/**
 * The TCP channel types that go with an event loop group from {@code GipcNetty.newEventLoopGroup}: epoll's on
 * Linux, kqueue's on macOS.
 */
public final class TcpChannels {
    private TcpChannels() {}

    /**
     * The server-socket channel type for a group.
     *
     * @param group a group of the native transport
     * @return the class to give {@code ServerBootstrap.channel}
     */
    public static Class<? extends ServerChannel> serverChannel(IoEventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : KQueueServerSocketChannel.class;
    }

    /**
     * The client socket channel type for a group.
     *
     * @param group a group of the native transport
     * @return the class to give {@code Bootstrap.channel}
     */
    public static Class<? extends SocketChannel> socketChannel(IoEventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : KQueueSocketChannel.class;
    }

    /**
     * The name of a group's transport.
     *
     * @param group a group of the native transport
     * @return {@code epoll} or {@code kqueue}
     */
    public static String transportName(IoEventLoopGroup group) {
        return isEpoll(group) ? "epoll" : "kqueue";
    }

    private static boolean isEpoll(IoEventLoopGroup group) {
        return group.isIoType(EpollIoHandler.class);
    }
}
