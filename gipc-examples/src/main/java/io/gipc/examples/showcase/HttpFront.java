package io.gipc.examples.showcase;

import io.gipc.examples.support.TcpChannels;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoEventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;

/**
 * The HTTP server: a Netty server on 127.0.0.1 whose event loops are the very ones gipc's pipes use.
 */
final class HttpFront implements AutoCloseable {
    private final Channel server;

    private HttpFront(Channel server) {
        this.server = server;
    }

    /**
     * Binds the server.
     *
     * @param group the event loops, shared with gipc
     * @param port the port, or 0 for a free one
     * @param handler the routes
     * @return the bound server
     * @throws InterruptedException if interrupted while binding
     */
    static HttpFront bind(IoEventLoopGroup group, int port, RequestHandler handler) throws InterruptedException {
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(TcpChannels.serverChannel(group))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024), handler);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel();
        return new HttpFront(server);
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Stops accepting connections. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}
