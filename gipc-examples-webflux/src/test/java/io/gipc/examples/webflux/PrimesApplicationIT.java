package io.gipc.examples.webflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The example as its users run it: the executable jar that package made, started with {@code java -jar} (no flag:
 * on JDK 24+ native access comes from the jar's manifest), real HTTP requests, a worker killed mid-request, the
 * pool's metrics on Actuator, and SIGTERM.
 */
class PrimesApplicationIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern VALUE = Pattern.compile("\"value\":([0-9.E]+)");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private Process app;
    private Path log;
    private int port;

    @AfterEach
    void stopTheApp() {
        if (app != null && app.isAlive()) {
            app.descendants().forEach(ProcessHandle::destroyForcibly);
            app.destroyForcibly();
        }
    }

    @Test
    void servesPrimesFromThePoolSurvivesAKilledWorkerAndStopsOnSigterm() throws Exception {
        start();

        assertEquals("200 primes below 100000: 9592", get("/primes?n=100000"));
        List<CompletableFuture<String>> several = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            several.add(getAsync("/primes?n=10000"));
        }
        for (CompletableFuture<String> r : several) {
            assertEquals("200 primes below 10000: 1229", r.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals("400 n must be between 0 and 50000000, not -1", get("/primes?n=-1"));

        // Both workers busy with a slow request each; one of them is killed: its request, only, fails.
        CompletableFuture<String> first = getAsync("/primes?n=10000000");
        CompletableFuture<String> second = getAsync("/primes?n=10000000");
        awaitMetric("gipc.pool.workers.busy", 2.0);
        List<ProcessHandle> workers = app.children().toList();
        assertEquals(2, workers.size(), "the app's children: " + workers);
        assertTrue(workers.get(0).destroyForcibly());
        List<String> answers =
                List.of(first.get(WAIT.toSeconds(), TimeUnit.SECONDS), second.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(answers.contains("200 primes below 10000000: 664579"), answers.toString());
        assertTrue(
                answers.contains("503 the worker counting primes below 10000000 died (exit code -9); try again"),
                answers.toString());

        // The next requests succeed (on the replacement worker too).
        for (int i = 0; i < 3; i++) {
            assertEquals("200 primes below 1000000: 78498", get("/primes?n=1000000"));
        }
        assertEquals(9.0, metric("gipc.pool.tasks.completed"), "1 + 4 + 1 + 3 tasks returned");
        assertEquals(1.0, metric("gipc.pool.tasks.failed"));
        assertEquals(1.0, metric("gipc.pool.workers.restarts"));
        assertTrue(get("/actuator/metrics/gipc.pool.tasks.execution")
                .contains("{\"tag\":\"pool\",\"values\":[\"primes\"]}"));

        // SIGTERM: the app exits, each worker with 0.
        List<ProcessHandle> live = app.children().toList();
        assertEquals(2, live.size(), "the app's children: " + live);
        app.destroy();
        assertTrue(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the app did not exit on SIGTERM\n" + output());
        assertEquals(143, app.exitValue(), "a JVM ended by SIGTERM exits 128 + 15\n" + output());
        String out = output();
        for (ProcessHandle w : live) {
            assertFalse(w.isAlive(), "worker " + w.pid() + " outlived the app");
            assertTrue(
                    out.contains("(pid " + w.pid() + ") ended with exit code 0"),
                    "worker " + w.pid() + " did not exit 0\n" + out);
        }
        assertFalse(out.contains("WARNING: A restricted method"), "native access warnings\n" + out);
        assertFalse(out.contains("ERROR"), out);
    }

    private void start() throws Exception {
        Path jar = Path.of(System.getProperty("gipc.example.jar"));
        assertTrue(Files.isRegularFile(jar), "no executable jar at " + jar + ": run with Maven (verify)");
        Path work = Path.of(System.getProperty("gipc.example.workDir"));
        Files.createDirectories(work);
        log = work.resolve("app.log");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        // The pool says how each worker ended at debug level: the test reads it after SIGTERM.
                        "--logging.level.io.gipc.netty.internal.pool=debug")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        app = pb.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            if (!app.isAlive()) {
                fail("the app ended with " + app.exitValue() + "\n" + output());
            }
            try {
                if (get("/actuator/health").startsWith("200")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                fail("the app did not answer within " + WAIT + "\n" + output());
            }
            Thread.sleep(200);
        }
    }

    /** The status and the body, trimmed: "200 primes below ...". */
    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body().trim();
    }

    private CompletableFuture<String> getAsync(String path) {
        return http.sendAsync(request(path), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() + " " + r.body().trim());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(WAIT)
                .build();
    }

    /** The one measurement of a gauge or counter on Actuator's metrics endpoint. */
    private double metric(String name) throws Exception {
        String body = get("/actuator/metrics/" + name);
        assertTrue(body.startsWith("200 "), body);
        assertTrue(body.contains("{\"tag\":\"pool\",\"values\":[\"primes\"]}"), body);
        Matcher m = VALUE.matcher(body);
        assertTrue(m.find(), body);
        return Double.parseDouble(m.group(1));
    }

    private void awaitMetric(String name, double value) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (metric(name) != value) {
            if (System.nanoTime() > deadline) {
                fail(name + " did not reach " + value + "\n" + output());
            }
            Thread.sleep(20);
        }
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
