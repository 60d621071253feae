package io.gipc.examples.support;

import io.gipc.netty.GipcNetty;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 client on Netty, on an event loop of its own, for the examples' built-in clients and their
 * tests. Unlike {@code java.net.http.HttpClient} on JDK 17, it can be closed: {@link #close()} closes every
 * connection and its loop, and leaves no descriptor behind.
 */
public final class MiniHttpClient implements AutoCloseable {
    /**
     * A response.
     *
     * @param status the status code
     * @param contentType the Content-Type header, or ""
     * @param body the body as UTF-8 text
     */
    public record Reply(int status, String contentType, String body) {}

    private final EventLoopGroup loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final Duration timeout;

    /**
     * A client of {@code http://host:port}.
     *
     * @param host the server's address, such as 127.0.0.1
     * @param port the server's port
     * @param timeout how long a response may take (against hangs)
     */
    public MiniHttpClient(String host, int port, Duration timeout) {
        IoEventLoopGroup group = GipcNetty.newEventLoopGroup(1, new DefaultThreadFactory("http-client"));
        this.loop = group;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(TcpChannels.socketChannel(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
                    }
                });
    }

    /**
     * Opens a keep-alive connection.
     *
     * @return a future of the connection
     */
    public CompletableFuture<Connection> connect() {
        CompletableFuture<Connection> connected = new CompletableFuture<>();
        bootstrap.connect(host, port).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                connected.complete(new Connection(f.channel()));
            } else {
                connected.completeExceptionally(f.cause());
            }
        });
        return connected;
    }

    /**
     * Sends one GET on a connection of its own, closed afterwards.
     *
     * @param pathAndQuery such as {@code /primes?n=1000}
     * @return a future of the response
     */
    public CompletableFuture<Reply> get(String pathAndQuery) {
        return send(HttpMethod.GET, pathAndQuery);
    }

    /**
     * Sends one request with an empty body on a connection of its own, closed afterwards.
     *
     * @param method the method
     * @param pathAndQuery such as {@code /primes?n=1000}
     * @return a future of the response
     */
    public CompletableFuture<Reply> send(HttpMethod method, String pathAndQuery) {
        return connect().thenCompose(c -> c.send(method, pathAndQuery).whenComplete((r, e) -> c.close()));
    }

    /** Closes every connection and the client's event loop. */
    @Override
    public void close() {
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A keep-alive connection: one request at a time. */
    public final class Connection implements AutoCloseable {
        private final Channel channel;

        private Connection(Channel channel) {
            this.channel = channel;
        }

        /**
         * Sends a GET and waits, without blocking, for its response.
         *
         * @param pathAndQuery such as {@code /primes?n=1000}
         * @return a future of the response; it fails if the connection closes first or the time is up
         * @throws IllegalStateException if a request of this connection is still waiting for its response
         */
        public CompletableFuture<Reply> get(String pathAndQuery) {
            return send(HttpMethod.GET, pathAndQuery);
        }

        CompletableFuture<Reply> send(HttpMethod method, String pathAndQuery) {
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, pathAndQuery);
            request.headers()
                    .set(HttpHeaderNames.HOST, host + ":" + port)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            channel.eventLoop().execute(() -> {
                if (channel.pipeline().get(ResponseHandler.class) != null) {
                    reply.completeExceptionally(new IllegalStateException("one request at a time per connection"));
                    return;
                }
                channel.pipeline()
                        .addLast(
                                new ReadTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS),
                                new ResponseHandler(reply));
                channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        reply.completeExceptionally(f.cause());
                    }
                });
            });
            return reply;
        }

        /** Closes the connection. */
        @Override
        public void close() {
            channel.close();
        }
    }

    /** Completes one request's future, then takes itself and its read timeout out of the pipeline. */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<Reply> reply;

        ResponseHandler(CompletableFuture<Reply> reply) {
            this.reply = reply;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            done(ctx);
            reply.complete(new Reply(
                    response.status().code(),
                    response.headers().get(HttpHeaderNames.CONTENT_TYPE, ""),
                    response.content().toString(StandardCharsets.UTF_8)));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reply.completeExceptionally(new IOException("the server closed the connection before answering"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reply.completeExceptionally(
                    cause instanceof ReadTimeoutException ? new IOException("no response in time") : cause);
            ctx.close();
        }

        private void done(ChannelHandlerContext ctx) {
            ctx.pipeline().remove(ReadTimeoutHandler.class);
            ctx.pipeline().remove(this);
        }
    }
}
