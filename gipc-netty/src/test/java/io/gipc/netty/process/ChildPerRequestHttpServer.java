package io.gipc.netty.process;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcTarget1;
import io.gipc.GipcWriter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on a free port of the loopback interface that answers every request with what a child process of
 * its own sent it through a gipc pipe: Python gipc's {@code test_wsgi_scenario} (a gevent WSGI server) on Netty.
 *
 * <p>Its handler never blocks the server's event loop. {@code startProcess} blocks for the spawn, so it runs on a
 * thread of the server's own; then the handler chains the child's message and the child's end, and writes the
 * response from the last callback.
 */
final class ChildPerRequestHttpServer implements AutoCloseable {
    private final GipcTarget1<GipcWriter<Object>> respgen;
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("http-server-loop", true), NioIoHandler.newFactory());
    private final ExecutorService spawner =
            Executors.newSingleThreadExecutor(new DefaultThreadFactory("http-server-spawner", true));
    private final List<GProcess> children = new CopyOnWriteArrayList<>();
    private final List<Integer> exitCodes = new CopyOnWriteArrayList<>();
    private Channel channel;

    private ChildPerRequestHttpServer(GipcTarget1<GipcWriter<Object>> respgen) {
        this.respgen = respgen;
    }

    /**
     * Starts a server whose responses {@code respgen} makes: it runs in a child per request and puts the body
     * ({@code byte[]}) into the writer it is given.
     */
    static ChildPerRequestHttpServer start(GipcTarget1<GipcWriter<Object>> respgen) throws InterruptedException {
        ChildPerRequestHttpServer server = new ChildPerRequestHttpServer(respgen);
        try {
            ChildPerRequest handler = server.new ChildPerRequest();
            server.channel = new ServerBootstrap()
                    .group(server.loops)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024), handler);
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .sync()
                    .channel();
            return server;
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Where it listens (a port the system chose). */
    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The exit codes of the children that made a response, in the order they ended. */
    List<Integer> exitCodes() {
        return List.copyOf(exitCodes);
    }

    /** Stops listening and the loop; kills a child still running (only if a test failed half-way). */
    @Override
    public void close() throws InterruptedException {
        try {
            if (channel != null) {
                channel.close().sync();
            }
        } finally {
            spawner.shutdownNow();
            spawner.awaitTermination(Children.TIMEOUT_S, TimeUnit.SECONDS);
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(Children.TIMEOUT_S, TimeUnit.SECONDS);
            try {
                Children.killLeftovers(new ArrayList<>(children));
            } catch (Exception e) {
                throw new IllegalStateException("cannot end the response children", e);
            }
        }
    }

    /** The WSGI application of the seed, {@code hello_world}: a child makes each response. */
    @ChannelHandler.Sharable
    private final class ChildPerRequest extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            CompletableFuture.supplyAsync(ChildPerRequestHttpServer.this::startResponder, spawner)
                    .thenCompose(ChildPerRequestHttpServer.this::respond)
                    .whenComplete((response, failure) -> ctx.writeAndFlush(
                                    response != null ? response : serverError(String.valueOf(unwrap(failure))))
                            .addListener(ChannelFutureListener.CLOSE));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One request's child and the pipe it answers through: the seed's {@code with pipe() as (reader, writer)}. */
    private record Responder(GipcPipe<Object> pipe, GProcess child) {}

    /** Runs on the spawner's thread: making the pipe and starting the child block for a moment. */
    private Responder startResponder() {
        GipcPipe<Object> pipe = Gipc.pipe();
        try {
            GProcess child = Children.start(Gipc.process(respgen).args(pipe.writer()));
            children.add(child);
            return new Responder(pipe, child);
        } catch (RuntimeException e) {
            pipe.close();
            throw e;
        }
    }

    /** The child's message, then its end; the response once both are there. Nothing here blocks. */
    private CompletableFuture<FullHttpResponse> respond(Responder r) {
        return r.pipe()
                .reader()
                .get()
                .thenCompose(body -> r.child().join().thenApply(code -> {
                    exitCodes.add(code);
                    return code == 0 ? ok((byte[]) body) : serverError("the response child exited with " + code);
                }))
                .whenComplete((response, failure) -> r.pipe().close());
    }

    private static FullHttpResponse ok(byte[] body) {
        return response(HttpResponseStatus.OK, "text/html", body);
    }

    private static FullHttpResponse serverError(String text) {
        return response(
                HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "text/plain; charset=UTF-8",
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
