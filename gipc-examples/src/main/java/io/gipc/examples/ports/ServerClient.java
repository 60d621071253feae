package io.gipc.examples.ports;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.examples.support.Args;
import io.gipc.examples.support.TcpChannels;
import io.gipc.netty.GipcNetty;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Python gipc's {@code examples/serverclient.py}: a TCP server in the parent, and a child that runs many
 * clients at once against it. Each client sends one line, checks the echo, and disconnects.
 *
 * <p>The server is a Netty echo server on 127.0.0.1 with a free port; the child's clients are Netty channels on
 * one event loop of the child's own, at most {@code --in-flight} connections at a time (gevent's greenlets
 * open all at once; a bound keeps the listen backlog and the descriptor limit out of the way).
 *
 * <pre>./mvnw -B -q -Pexample -Dexample=serverclient -DskipTests verify</pre>
 *
 * Options: {@code --clients=1000}, {@code --in-flight=200}.
 */
public final class ServerClient {
    static final String MSG = "HELLO\n";

    private ServerClient() {}

    /**
     * What the parent saw.
     *
     * @param served lines the server echoed
     * @param clientExitCode the client child's exit code: 0 if every client got its echo
     */
    public record Result(int served, int clientExitCode) {}

    /**
     * Runs the example.
     *
     * @param args {@code --clients=N}, {@code --in-flight=N}
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args, "clients", "in-flight");
        Result r = run((int) a.number("clients", 1000), (int) a.number("in-flight", 200), System.out);
        System.exit(r.clientExitCode());
    }

    /**
     * Starts the server, runs the client child, joins it, stops the server.
     *
     * @param clients how many clients the child runs
     * @param inFlight how many connections the child has open at most
     * @param out where the parent's lines go (the child prints on the shared stdout)
     * @return what happened
     * @throws Exception if it fails
     */
    public static Result run(int clients, int inFlight, PrintStream out) throws Exception {
        IoEventLoopGroup loops = GipcNetty.newEventLoopGroup(1, new DefaultThreadFactory("echo-server"));
        AtomicInteger served = new AtomicInteger();
        try {
            Channel server = new ServerBootstrap()
                    .group(loops)
                    .channel(TcpChannels.serverChannel(loops))
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new LineBasedFrameDecoder(1024, false, true), new Echo(served));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0))
                    .sync()
                    .channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            out.println("echo server listening on 127.0.0.1:" + port);
            GProcess c = Gipc.startProcess(ServerClient::clientProcess, port, clients, inFlight);
            int code = c.join().get(5, TimeUnit.MINUTES);
            server.close().sync();
            out.println("the client process exited with " + code + "; the server echoed " + served.get() + " lines");
            return new Result(served.get(), code);
        } finally {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The server's handler: echoes the line it reads, then closes the connection, as the original's serve(). */
    @ChannelHandler.Sharable
    private static final class Echo extends SimpleChannelInboundHandler<ByteBuf> {
        private final AtomicInteger served;

        Echo(AtomicInteger served) {
            this.served = served;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            served.incrementAndGet();
            ctx.writeAndFlush(line.retain()).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * The child: runs the clients and prints how long they took. Throws (exit 1) if any client failed.
     *
     * @param port the server's port
     * @param clients how many clients
     * @param inFlight how many connections open at most
     * @throws Exception if a client failed
     */
    static void clientProcess(Integer port, Integer clients, Integer inFlight) throws Exception {
        IoEventLoopGroup loops = GipcNetty.newEventLoopGroup(1, new DefaultThreadFactory("clients"));
        try {
            Semaphore open = new Semaphore(inFlight);
            CountDownLatch done = new CountDownLatch(clients);
            AtomicInteger ok = new AtomicInteger();
            Bootstrap client = new Bootstrap()
                    .group(loops)
                    .channel(TcpChannels.socketChannel(loops))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new LineBasedFrameDecoder(1024, false, true), new Check(ok));
                        }
                    });
            long t1 = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                open.acquire();
                client.connect("127.0.0.1", port).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        System.err.println("a client could not connect: " + f.cause());
                        open.release();
                        done.countDown();
                        return;
                    }
                    f.channel().closeFuture().addListener(closed -> {
                        open.release();
                        done.countDown();
                    });
                    f.channel().writeAndFlush(Unpooled.copiedBuffer(MSG, StandardCharsets.US_ASCII));
                });
            }
            if (!done.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException((clients - done.getCount()) + " of " + clients + " clients finished");
            }
            double duration = (System.nanoTime() - t1) / 1e9;
            System.out.printf("%d clients served within %.2f s.%n", clients, duration);
            if (ok.get() != clients) {
                throw new IllegalStateException("only " + ok.get() + " of " + clients + " clients got their echo");
            }
        } finally {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** A client's handler: checks the echo, then closes. */
    @ChannelHandler.Sharable
    private static final class Check extends SimpleChannelInboundHandler<ByteBuf> {
        private final AtomicInteger ok;

        Check(AtomicInteger ok) {
            this.ok = ok;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            if (line.toString(StandardCharsets.US_ASCII).equals(MSG)) {
                ok.incrementAndGet();
            }
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
