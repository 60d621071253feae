package io.gipc.examples.showcase;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The showcase's built-in client: sends a mix of requests with a fixed number in flight, prints progress, and
 * collects latencies and who served what. It is an ordinary HTTP client ({@code java.net.http}), outside the
 * server's event loops.
 */
final class LoadClient {
    private static final Pattern WORKER = Pattern.compile("\"worker\":(\\d+)");
    private static final Pattern COMPUTE = Pattern.compile("\"computeMs\":([0-9.]+)");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a run saw.
     *
     * @param requests how many requests were sent
     * @param ok how many got HTTP 200
     * @param failuresByStatus the others, by status (0: no response at all)
     * @param firstFailures the first few failures' bodies, for the report
     * @param latency each successful request's time from sending to the whole response
     * @param byWorker successful requests per worker pid, as the responses say
     * @param compute each successful request's time computing in its worker, as the response says
     * @param wallNanos the time from the first request sent to the last response received
     */
    record Result(int requests, int ok, Map<Integer, Integer> failuresByStatus, List<String> firstFailures,
                  Samples latency, Map<Long, Long> byWorker, Samples compute, long wallNanos) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;
    private final PrintStream out;

    /**
     * A client of the server at {@code http://127.0.0.1:port}.
     *
     * @param port the server's port
     * @param out where progress goes
     */
    LoadClient(int port, PrintStream out) {
        this.base = URI.create("http://127.0.0.1:" + port);
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
     * Sends {@code requests} requests, {@code concurrency} at a time, and waits for every response.
     *
     * @param requests how many
     * @param concurrency how many in flight at most
     * @return what the run saw
     * @throws InterruptedException if interrupted
     */
    Result run(int requests, int concurrency) throws InterruptedException {
        return run(requests, concurrency, true);
    }

    /**
     * Sends {@code requests} requests, {@code concurrency} at a time, and waits for every response.
     *
     * @param requests how many
     * @param concurrency how many in flight at most
     * @param showProgress whether to print progress lines
     * @return what the run saw
     * @throws InterruptedException if interrupted
     */
    Result run(int requests, int concurrency, boolean showProgress) throws InterruptedException {
        Random random = new Random(42);
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(requests);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Map<Integer, Integer> failures = new ConcurrentHashMap<>();
        List<String> firstFailures = new ArrayList<>();
        Map<Long, Long> byWorker = new ConcurrentHashMap<>();
        Samples latency = new Samples();
        Samples compute = new Samples();
        Progress progress = new Progress(requests, showProgress);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(base.resolve(pathOf(i, random)))
                    .timeout(REQUEST_TIMEOUT).GET().build();
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                try {
                    if (failure == null && response.statusCode() == 200) {
                        latency.add(System.nanoTime() - sent);
                        ok.incrementAndGet();
                        byWorker.merge(number(WORKER, response.body()), 1L, Long::sum);
                        compute.add((long) (Double.parseDouble(group(COMPUTE, response.body())) * 1e6));
                    } else {
                        int status = failure == null ? response.statusCode() : 0;
                        failures.merge(status, 1, Integer::sum);
                        synchronized (firstFailures) {
                            if (firstFailures.size() < 3) {
                                firstFailures.add(failure == null ? status + " " + response.body().trim()
                                        : failure.toString());
                            }
                        }
                    }
                } finally {
                    progress.finished(finished.incrementAndGet(), start);
                    inFlight.release();
                    done.countDown();
                }
            });
        }
        if (!done.await(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("responses still missing after every request's timeout");
        }
        long wall = System.nanoTime() - start;
        return new Result(requests, ok.get(), new TreeMap<>(failures), List.copyOf(firstFailures), latency,
                new TreeMap<>(byWorker), compute, wall);
    }

    private static long number(Pattern p, String body) {
        return Long.parseLong(group(p, body));
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected response: " + body);
        }
        return m.group(1);
    }

    /** Prints a line each time another tenth of the requests has finished. */
    private final class Progress {
        private final int total;
        private final boolean show;
        private int printedTenths;

        Progress(int total, boolean show) {
            this.total = total;
            this.show = show;
        }

        synchronized void finished(int count, long start) {
            int tenths = count * 10 / total;
            if (show && tenths > printedTenths) {
                printedTenths = tenths;
                String bar = "#".repeat(tenths) + ".".repeat(10 - tenths);
                out.printf("  progress      [%s] %" + Integer.toString(total).length() + "d/%d  %5.1f s%n",
                        bar, count, total, (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
