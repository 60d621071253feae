package io.gipc.examples.showcase;

import io.gipc.examples.support.TcpChannels;
import io.gipc.netty.GipcNetty;
import io.netty.channel.IoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running showcase server: one group of event loops, shared by the HTTP server and gipc; the worker pool;
 * the HTTP front; and the probe that watches the loops' lag.
 */
public final class ShowcaseServer implements AutoCloseable {
    /** How often the lag probe's timer asks to run on each loop. */
    static final Duration LAG_PERIOD = Duration.ofMillis(10);

    private final IoEventLoopGroup loops;
    private final RequestPool pool;
    private final LoopLagProbe probe;
    private HttpFront front;
    private List<Integer> exitCodes;

    private ShowcaseServer(IoEventLoopGroup loops, RequestPool pool, LoopLagProbe probe) {
        this.loops = loops;
        this.pool = pool;
        this.probe = probe;
    }

    /**
     * Creates the loops and hands them to gipc, starts the workers and waits until they are ready, then binds the
     * HTTP server. The lag probe is not started yet.
     *
     * @param loopCount how many event loops
     * @param settings the worker pool's settings
     * @param port the port on 127.0.0.1, or 0 for a free one
     * @return the running server
     * @throws Exception if the workers do not start or the port cannot be bound
     */
    public static ShowcaseServer start(int loopCount, PoolSettings settings, int port) throws Exception {
        // A group of the transport gipc uses (epoll on Linux, kqueue on macOS), so that gipc can share it.
        IoEventLoopGroup loops = GipcNetty.newEventLoopGroup(loopCount, new DefaultThreadFactory("showcase-loop"));
        GipcNetty.useEventLoopGroup(loops); // gipc's pipes from now on run on the server's own loops
        ShowcaseServer server =
                new ShowcaseServer(loops, new RequestPool(settings), new LoopLagProbe(loops, LAG_PERIOD));
        try {
            server.pool.ready().get(settings.startTimeout().toSeconds() * 2, TimeUnit.SECONDS);
            server.front = HttpFront.bind(loops, port, new RequestHandler(server.pool, server.probe));
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * The native transport in use.
     *
     * @return epoll or kqueue
     */
    public String transport() {
        return TcpChannels.transportName(loops);
    }

    /**
     * The worker pool.
     *
     * @return the pool
     */
    public RequestPool pool() {
        return pool;
    }

    /**
     * The lag probe.
     *
     * @return the probe
     */
    public LoopLagProbe probe() {
        return probe;
    }

    /**
     * The server's port.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return front.port();
    }

    /**
     * The server's base address.
     *
     * @return {@code http://127.0.0.1:port}
     */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Stops in order: the probe, the HTTP front (no new connections), then the pool (queued and running
     * requests fail with 503, idle workers exit 0, busy ones are killed, all are joined). The loops keep running.
     *
     * @return the workers' exit codes
     */
    public synchronized List<Integer> stop() {
        if (exitCodes == null) {
            probe.close();
            if (front != null) {
                front.close();
            }
            pool.close();
            exitCodes = pool.exitCodesAtClose();
        }
        return exitCodes;
    }

    /**
     * Stops (see {@link #stop()}), gives gipc back its default loops, and shuts the loops down.
     */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            GipcNetty.useEventLoopGroup(null);
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
