package io.gipc.examples.showcase;

import io.gipc.examples.support.MiniHttpClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The showcase's built-in client: {@code concurrency} keep-alive connections, each sending its next request as
 * soon as the previous one is answered, until every request is sent. It prints progress and collects latencies
 * and who served what. It runs on an event loop of its own, outside the server's.
 */
final class LoadClient implements AutoCloseable {
    private static final Pattern WORKER = Pattern.compile("\"worker\":(\\d+)");
    private static final Pattern COMPUTE = Pattern.compile("\"computeMs\":([0-9.]+)");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a run saw.
     *
     * @param requests how many requests were sent
     * @param ok how many got HTTP 200
     * @param failuresByStatus the others, by status (0: no response at all)
     * @param firstFailures the first few failures, for the report
     * @param latency each successful request's time from sending to the whole response
     * @param byWorker successful requests per worker pid, as the responses say
     * @param compute each successful request's time computing in its worker, as the response says
     * @param wallNanos the time from the first request sent to the last response received
     */
    record Result(
            int requests,
            int ok,
            Map<Integer, Integer> failuresByStatus,
            List<String> firstFailures,
            Samples latency,
            Map<Long, Long> byWorker,
            Samples compute,
            long wallNanos) {}

    private final MiniHttpClient http;
    private final PrintStream out;

    /**
     * A client of the server at {@code http://127.0.0.1:port}.
     *
     * @param port the server's port
     * @param out where progress goes
     */
    LoadClient(int port, PrintStream out) {
        this.http = new MiniHttpClient("127.0.0.1", port, REQUEST_TIMEOUT);
        this.out = out;
    }

    /**
     * The request mix: two in three count primes up to 100,000 to 300,000, one in three hashes 1 to 4 MiB.
     *
     * @param i the request's number
     * @param random the source of sizes
     * @return the path and query
     */
    static String pathOf(int i, Random random) {
        if (i % 3 == 2) {
            return "/hash?kib=" + (1024 + random.nextInt(3 * 1024 + 1));
        }
        return "/primes?n=" + (100_000 + random.nextInt(200_001));
    }

    /**
     * Sends {@code requests} requests over {@code concurrency} connections and waits for every response.
     *
     * @param requests how many
     * @param concurrency how many connections, each with one request in flight
     * @param showProgress whether to print a progress line at each tenth
     * @return what the run saw
     * @throws Exception if a connection cannot be opened
     */
    Result run(int requests, int concurrency, boolean showProgress) throws Exception {
        Run run = new Run(requests, showProgress);
        List<MiniHttpClient.Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < Math.min(concurrency, requests); i++) {
                connections.add(http.connect().get(30, TimeUnit.SECONDS));
            }
            long start = System.nanoTime();
            List<CompletableFuture<Void>> lanes = new ArrayList<>();
            for (MiniHttpClient.Connection c : connections) {
                lanes.add(run.lane(c, start));
            }
            CompletableFuture.allOf(lanes.toArray(new CompletableFuture<?>[0]))
                    .get(REQUEST_TIMEOUT.toSeconds() * 2 + requests, TimeUnit.SECONDS);
            return run.result(System.nanoTime() - start);
        } finally {
            connections.forEach(MiniHttpClient.Connection::close);
        }
    }

    /** Closes the client's connections and event loop. */
    @Override
    public void close() {
        http.close();
    }

    /** The state of one run, shared by its connections. */
    private final class Run {
        private final int requests;
        private final boolean showProgress;
        private final Random random = new Random(42);
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicInteger ok = new AtomicInteger();
        private final Map<Integer, Integer> failures = new ConcurrentHashMap<>();
        private final List<String> firstFailures = new ArrayList<>();
        private final Map<Long, Long> byWorker = new ConcurrentHashMap<>();
        private final Samples latency = new Samples();
        private final Samples compute = new Samples();
        private int printedTenths;

        Run(int requests, boolean showProgress) {
            this.requests = requests;
            this.showProgress = showProgress;
        }

        /** Sends requests on one connection, one after the other, until none is left. */
        CompletableFuture<Void> lane(MiniHttpClient.Connection connection, long start) {
            int i = next.getAndIncrement();
            if (i >= requests) {
                return CompletableFuture.completedFuture(null);
            }
            String path;
            synchronized (random) {
                path = pathOf(i, random);
            }
            long sent = System.nanoTime();
            return connection
                    .get(path)
                    .handle((reply, failure) -> {
                        record(reply, failure, System.nanoTime() - sent, start);
                        return null;
                    })
                    .thenCompose(v -> lane(connection, start));
        }

        private void record(MiniHttpClient.Reply reply, Throwable failure, long nanos, long start) {
            if (failure == null && reply.status() == 200) {
                latency.add(nanos);
                ok.incrementAndGet();
                byWorker.merge(Long.parseLong(group(WORKER, reply.body())), 1L, Long::sum);
                compute.add((long) (Double.parseDouble(group(COMPUTE, reply.body())) * 1e6));
            } else {
                failures.merge(failure == null ? reply.status() : 0, 1, Integer::sum);
                synchronized (firstFailures) {
                    if (firstFailures.size() < 3) {
                        firstFailures.add(
                                failure == null
                                        ? reply.status() + " " + reply.body().trim()
                                        : failure.toString());
                    }
                }
            }
            progress(finished.incrementAndGet(), start);
        }

        private synchronized void progress(int count, long start) {
            int tenths = count * 10 / requests;
            if (showProgress && tenths > printedTenths) {
                printedTenths = tenths;
                String bar = "#".repeat(tenths) + ".".repeat(10 - tenths);
                out.printf(
                        "  progress      [%s] %" + Integer.toString(requests).length() + "d/%d  %5.1f s%n",
                        bar,
                        count,
                        requests,
                        (System.nanoTime() - start) / 1e9);
            }
        }

        Result result(long wallNanos) {
            return new Result(
                    requests,
                    ok.get(),
                    new TreeMap<>(failures),
                    List.copyOf(firstFailures),
                    latency,
                    new TreeMap<>(byWorker),
                    compute,
                    wallNanos);
        }
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected response: " + body);
        }
        return m.group(1);
    }
}
