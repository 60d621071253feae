package io.gipc.examples.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.examples.support.MiniHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's first command runs the showcase: end to end, and in serve mode. */
class ShowcaseTest {
    @Test
    void theShowcaseRunsEndToEnd() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        ShowcaseResult result =
                Showcase.run(new ShowcaseOptions(40, 4, 2, 2, 0, false), out, new CompletableFuture<>());
        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        assertTrue(result.success(), text);
        assertEquals(40, result.ok());
        assertEquals(
                40L,
                result.byWorker().values().stream().mapToLong(Long::longValue).sum(),
                text);
        assertEquals(List.of(0, 0), result.exitCodes());
        assertEquals(0, result.restarts());
        assertTrue(text.contains("| requests served      | 40 of 40 (HTTP 200)"), text);
        assertTrue(text.matches("(?s).*\\| latency +\\| p50 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms.*"), text);
        assertTrue(
                text.matches("(?s).*\\| event-loop lag +\\| p50 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms.*"), text);
        assertTrue(text.matches("(?s).*\\| worker pid \\d+ +\\| \\d+ requests.*"), text);
        assertTrue(text.contains("[##########] 40/40"), text);
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
    }

    @Test
    void serveModeAnswersUntilStopped() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        CompletableFuture<String> stop = new CompletableFuture<>();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<ShowcaseResult> running =
                    runner.submit(() -> Showcase.run(new ShowcaseOptions(1, 1, 1, 1, 0, true), out, stop));
            String url = awaitUrl(captured, running);
            try (MiniHttpClient http = new MiniHttpClient(
                    "127.0.0.1", Integer.parseInt(url.replaceAll(".*:", "")), java.time.Duration.ofSeconds(60))) {
                MiniHttpClient.Reply primes = http.get("/primes?n=1000").get(60, TimeUnit.SECONDS);
                assertEquals(200, primes.status(), primes.body());
                assertTrue(primes.body().contains("\"result\":\"168\""), primes.body());
                MiniHttpClient.Reply stats = http.get("/stats").get(60, TimeUnit.SECONDS);
                assertEquals(200, stats.status());
                assertTrue(stats.body().contains("\"restarts\":0"), stats.body());
            }
            stop.complete("test");
            ShowcaseResult result = running.get(60, TimeUnit.SECONDS);
            assertEquals(List.of(0), result.exitCodes());
            assertEquals(
                    1L,
                    result.byWorker().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            String text = captured.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("curl '" + url + "/primes?n=5000000'"), text);
            assertTrue(text.contains("stopping (test)"), text);
        } finally {
            stop.complete("test over");
            runner.shutdown();
            assertTrue(runner.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
    }

    private static String awaitUrl(ByteArrayOutputStream captured, Future<?> running) throws Exception {
        Pattern server = Pattern.compile("server +(http://127\\.0\\.0\\.1:\\d+)/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = server.matcher(captured.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            if (running.isDone()) {
                running.get();
                throw new AssertionError("the showcase ended before serving: " + captured);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the showcase did not start serving: " + captured);
    }
}
