package io.gipc.examples.showcase;

import io.gipc.examples.support.StopSignal;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The showcase that the README's first command runs: a Netty HTTP server that hands CPU-bound requests to a
 * pool of worker JVMs over gipc duplex pipes, with the server and gipc sharing one group of event loops.
 *
 * <p>By default a built-in client sends a few hundred requests, shows progress, and prints a table: requests
 * served, latencies, requests per worker pid, and how late a timer on each event loop ran meanwhile (the loops
 * stay responsive because no computation runs on them). Then it stops the workers and exits 0. With
 * {@code --serve} it serves until Ctrl-C instead, for your own curl.
 */
public final class Showcase {
    private static final int WARM_UP_PER_WORKER = 10;

    private Showcase() {}

    /**
     * Runs the showcase; exits 0 when every request was served and every worker stopped cleanly.
     *
     * @param args see {@link ShowcaseOptions#USAGE}
     * @throws Exception if the showcase cannot run
     */
    public static void main(String[] args) throws Exception {
        ShowcaseOptions options;
        try {
            options = ShowcaseOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CompletableFuture<String> stop = options.serve() ? StopSignal.install() : new CompletableFuture<>();
        ShowcaseResult result = run(options, System.out, stop);
        System.exit(result.success() ? 0 : 1);
    }

    /**
     * Runs the showcase and releases everything it made (workers joined, pipes closed, loops shut down).
     *
     * @param options what to run
     * @param out where the report goes
     * @param stopServing with {@code --serve}, completing it stops the server
     * @return what happened
     * @throws Exception if the showcase cannot run
     */
    public static ShowcaseResult run(ShowcaseOptions options, PrintStream out, CompletableFuture<?> stopServing)
            throws Exception {
        out.println("gipc showcase: a Netty HTTP server hands CPU-bound requests to worker JVMs over gipc pipes");
        long starting = System.nanoTime();
        try (ShowcaseServer server =
                ShowcaseServer.start(options.loops(), PoolSettings.of(options.workers()), options.port())) {
            out.printf(
                    "  event loops   %d %s loops, shared by the HTTP server and gipc"
                            + " (GipcNetty.useEventLoopGroup)%n",
                    options.loops(), server.transport());
            out.printf(
                    "  workers       %d JVMs ready in %.1f s, pids %s%n",
                    options.workers(), (System.nanoTime() - starting) / 1e9, pids(server.pool()));
            out.printf("  server        %s/%n", server.url());
            if (options.serve()) {
                server.probe().start();
                serve(server.url(), out, stopServing);
                PoolStats stats = server.pool().stats();
                List<Integer> exitCodes = server.stop();
                out.printf(
                        "  stopped       workers exited with %s; %d restarts while serving%n",
                        exitCodes, stats.restarts());
                return new ShowcaseResult(0, 0, stats.servedByPid(), stats.restarts(), exitCodes);
            }
            LoadClient.Result load;
            try (LoadClient client = new LoadClient(server.port(), out)) {
                int warmUp = Math.min(options.requests(), WARM_UP_PER_WORKER * options.workers());
                long warming = System.nanoTime();
                LoadClient.Result warm = client.run(warmUp, options.concurrency(), false);
                out.printf(
                        "  warm-up       %d requests in %.1f s (not counted: the JIT compilers' first work)%n",
                        warmUp, (System.nanoTime() - warming) / 1e9);
                for (String f : warm.firstFailures()) {
                    out.println("  warm-up failure: " + f);
                }
                out.printf(
                        "  load          %d requests, %d at a time:"
                                + " /primes?n=100000..300000, /hash?kib=1024..4096%n",
                        options.requests(), options.concurrency());
                server.probe().start();
                load = client.run(options.requests(), options.concurrency(), true);
            }
            PoolStats stats = server.pool().stats();
            List<Integer> exitCodes = server.stop();
            report(load, stats, server.probe(), exitCodes, out);
            return new ShowcaseResult(load.requests(), load.ok(), load.byWorker(), stats.restarts(), exitCodes);
        }
    }

    private static void serve(String url, PrintStream out, CompletableFuture<?> stop) {
        out.println("  serving until Ctrl-C; try:");
        out.printf("    curl '%s/primes?n=5000000'%n", url);
        out.printf("    curl '%s/hash?kib=262144'%n", url);
        out.printf("    curl '%s/stats'%n", url);
        out.println("  kill -9 a worker pid from /stats while a request runs: that request gets a 502, and a new"
                + " worker starts");
        Object why = stop.join();
        out.println("  stopping (" + why + ")");
    }

    private static void report(
            LoadClient.Result load, PoolStats stats, LoopLagProbe probe, List<Integer> exitCodes, PrintStream out) {
        Samples lag = probe.lateness();
        Table table = new Table()
                .row(
                        "requests served",
                        load.ok() + " of " + load.requests() + " (HTTP 200)"
                                + (load.failuresByStatus().isEmpty()
                                        ? ""
                                        : ", failed by status " + load.failuresByStatus()))
                .row(
                        "latency",
                        String.format(
                                "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                                ms(load.latency().percentile(50)),
                                ms(load.latency().percentile(99)),
                                ms(load.latency().max())))
                .row(
                        "throughput",
                        String.format(
                                "%.0f requests/s over %.1f s",
                                load.ok() / (load.wallNanos() / 1e9), load.wallNanos() / 1e9));
        for (Map.Entry<Long, Long> e : load.byWorker().entrySet()) {
            table.row("worker pid " + e.getKey(), e.getValue() + " requests");
        }
        Samples compute = load.compute();
        table.row(
                        "computing in workers",
                        String.format(
                                "%.1f s in all; per request p50 %.1f ms, max %.1f ms",
                                compute.total() / 1e9, ms(compute.percentile(50)), ms(compute.max())))
                .row(
                        "event-loop lag",
                        String.format(
                                "p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                                ms(lag.percentile(50)), ms(lag.percentile(99)), ms(lag.max())))
                .row(
                        "",
                        String.format(
                                "(a timer every %d ms on %d loops, %d ticks)",
                                probe.period().toMillis(), probe.loops(), lag.count()))
                .row("worker restarts", Integer.toString(stats.restarts()))
                .row("workers stopped", "exit codes " + exitCodes);
        table.print(out);
        out.println("  No request computed on an event loop; one that did would have stalled its loop for its whole");
        out.println("  computing time, and every connection on that loop with it.");
        for (String f : load.firstFailures()) {
            out.println("  failure: " + f);
        }
    }

    private static String pids(RequestPool pool) {
        return pool.stats().workers().stream().map(w -> Long.toString(w.pid())).collect(Collectors.joining(", "));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
