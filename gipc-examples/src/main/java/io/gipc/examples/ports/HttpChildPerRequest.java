package io.gipc.examples.ports;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import io.gipc.examples.support.Args;
import io.gipc.examples.support.TcpChannels;
import io.gipc.netty.GipcNetty;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Python gipc's {@code examples/wsgimultiprocessing.py}: an HTTP server in the parent answers each request with
 * a response that a new child process makes and sends back through a pipe; the clients run concurrently in
 * another child.
 *
 * <p>A child per request is the original's point, not a good design for the JVM: each child is a new JVM, a few
 * hundred milliseconds of CPU. So the default is 10 clients (the original has 100), the response children start
 * with options that shorten a JVM's start, and the server spawns them on a small thread pool, never on its event
 * loop. For real work, keep workers running and reuse them (the showcase does).
 *
 * <pre>./mvnw -B -q -Pexample -Dexample=http -DskipTests verify</pre>
 *
 * Option: {@code --clients=10}.
 */
public final class HttpChildPerRequest {
    static final byte[] MSG = "YO".getBytes(StandardCharsets.US_ASCII);
    /** Options for the short-lived response children: a faster start at the cost of peak speed. */
    private static final String[] QUICK_START = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

    private HttpChildPerRequest() {}

    /**
     * What the parent saw.
     *
     * @param responses responses the server sent, each made by a child of its own
     * @param childrenExitCodes the response children's exit codes
     * @param clientExitCode the client child's exit code: 0 if every client got the right answer
     */
    public record Result(int responses, List<Integer> childrenExitCodes, int clientExitCode) {}

    /**
     * Runs the example.
     *
     * @param args {@code --clients=N}
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args, "clients");
        Result r = run((int) a.number("clients", 10), System.out);
        System.exit(r.clientExitCode());
    }

    /**
     * Starts the server, runs the client child, joins it, stops the server.
     *
     * @param clients how many concurrent clients
     * @param out where the parent's lines go (the children print on the shared stdout)
     * @return what happened
     * @throws Exception if it fails
     */
    public static Result run(int clients, PrintStream out) throws Exception {
        IoEventLoopGroup loops = GipcNetty.newEventLoopGroup(1, new DefaultThreadFactory("http-server"));
        ExecutorService spawner = Executors.newFixedThreadPool(4); // starting a process blocks for a moment
        HelloWorld handler = new HelloWorld(spawner);
        try {
            Channel server = new ServerBootstrap()
                    .group(loops)
                    .channel(TcpChannels.serverChannel(loops))
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024), handler);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0))
                    .sync()
                    .channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            out.println("HTTP server listening on http://127.0.0.1:" + port + "/");
            GProcess client = Gipc.startProcess(HttpChildPerRequest::clientProcess, port, clients);
            int code = client.join().get(5, TimeUnit.MINUTES);
            server.close().sync();
            List<Integer> codes = handler.awaitChildren();
            out.println("the client process exited with " + code + "; " + codes.size()
                    + " response children exited with " + codes);
            return new Result(handler.responses.get(), codes, code);
        } finally {
            spawner.shutdown();
            spawner.awaitTermination(1, TimeUnit.MINUTES);
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The server's handler: a child makes each response. It runs on the event loop and never blocks it. */
    @ChannelHandler.Sharable
    private static final class HelloWorld extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ExecutorService spawner;
        private final AtomicInteger responses = new AtomicInteger();
        private final List<CompletableFuture<Integer>> children = new ArrayList<>();

        HelloWorld(ExecutorService spawner) {
            this.spawner = spawner;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            // Generate the response in a child process: a pipe, a child that writes into it, a get() on our end.
            // Making the pipe and spawning block for a moment, so they run on the spawner's threads.
            CompletableFuture<Spawned> started = CompletableFuture.supplyAsync(Spawned::start, spawner);
            CompletableFuture<Integer> exit = started.thenCompose(s -> s.pipe.reader()
                            .get()
                            .thenCompose(body -> {
                                FullHttpResponse response = new DefaultFullHttpResponse(
                                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
                                response.headers()
                                        .set(HttpHeaderNames.CONTENT_TYPE, "text/html")
                                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                                ctx.writeAndFlush(response);
                                responses.incrementAndGet();
                                return s.child.join();
                            })
                            .whenComplete((code, failure) -> s.pipe.close()))
                    .whenComplete((code, failure) -> {
                        if (failure != null) {
                            ctx.writeAndFlush(new DefaultFullHttpResponse(
                                            HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR))
                                    .addListener(ChannelFutureListener.CLOSE);
                        }
                    });
            synchronized (children) {
                children.add(exit);
            }
        }

        List<Integer> awaitChildren() throws Exception {
            List<Integer> codes = new ArrayList<>();
            List<CompletableFuture<Integer>> all;
            synchronized (children) {
                all = new ArrayList<>(children);
            }
            for (CompletableFuture<Integer> c : all) {
                codes.add(c.get(1, TimeUnit.MINUTES));
            }
            return codes;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** A response child and the pipe it writes its response into. */
    private static final class Spawned {
        final GipcPipe<byte[]> pipe;
        final GProcess child;

        private Spawned(GipcPipe<byte[]> pipe, GProcess child) {
            this.pipe = pipe;
            this.child = child;
        }

        static Spawned start() {
            GipcPipe<byte[]> pipe = Gipc.rawPipe();
            try {
                return new Spawned(
                        pipe,
                        Gipc.process(HttpChildPerRequest::respgen)
                                .args(pipe.writer())
                                .jvmOptions(QUICK_START)
                                .start());
            } catch (RuntimeException e) {
                pipe.close();
                throw e;
            }
        }
    }

    /**
     * A response child: writes the response into the pipe.
     *
     * @param writer the pipe to the server
     */
    static void respgen(GipcWriter<byte[]> writer) {
        writer.put(MSG).join();
    }

    /**
     * The client child: runs the clients concurrently and prints how long they took. Throws (exit 1) if a client
     * got something else than the expected answer.
     *
     * @param port the server's port
     * @param clients how many clients
     * @throws Exception if a client failed
     */
    static void clientProcess(Integer port, Integer clients) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofMinutes(2))
                .build();
        long t1 = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            all.add(http.sendAsync(get, HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> f : all) {
            HttpResponse<byte[]> r = f.get(3, TimeUnit.MINUTES);
            if (r.statusCode() != 200 || !java.util.Arrays.equals(r.body(), MSG)) {
                throw new IllegalStateException(
                        "unexpected answer " + r.statusCode() + " " + new String(r.body(), StandardCharsets.US_ASCII));
            }
        }
        double duration = (System.nanoTime() - t1) / 1e9;
        System.out.printf("%d clients were served within %.2f s.%n", clients, duration);
    }
}
