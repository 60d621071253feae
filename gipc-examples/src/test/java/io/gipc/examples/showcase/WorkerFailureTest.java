package io.gipc.examples.showcase;

import io.gipc.Gipc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker that dies or hangs costs its request a clear HTTP error, and the pool starts a new worker. */
class WorkerFailureTest {
    /** Counting primes up to ten million takes seconds: long enough to kill the worker meanwhile. */
    private static final String LONG_REQUEST = "/primes?n=10000000";

    private ShowcaseServer server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
    }

    @Test
    void aWorkerKilledMidRequestGives502AndIsRestarted() throws Exception {
        server = ShowcaseServer.start(1, PoolSettings.of(1), 0);
        long firstPid = server.pool().stats().workers().get(0).pid();

        CompletableFuture<HttpResponse<String>> pending = Http.getAsync(server.url() + LONG_REQUEST);
        long busy = awaitBusyWorker();
        assertEquals(firstPid, busy);
        ProcessHandle.of(busy).orElseThrow().destroyForcibly();   // SIGKILL from outside, as an OOM killer would

        HttpResponse<String> response = pending.get(60, TimeUnit.SECONDS);
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().contains("worker pid " + busy + " was killed by signal 9 (SIGKILL) while"
                + " computing this request; a new worker is starting"), response.body());

        long newPid = awaitIdleWorker();
        assertNotEquals(firstPid, newPid);
        assertEquals(1, server.pool().stats().restarts());
        HttpResponse<String> next = Http.get(server.url() + "/primes?n=100");
        assertEquals(200, next.statusCode(), next.body());
        assertTrue(next.body().contains("\"result\":\"25\""), next.body());
        assertTrue(next.body().contains("\"worker\":" + newPid), next.body());
        assertEquals(List.of(0), server.stop());
    }

    @Test
    void aWorkerSilentPastTheJobTimeoutGives504AndIsReplaced() throws Exception {
        server = ShowcaseServer.start(1, PoolSettings.of(1).withJobTimeout(Duration.ofMillis(300)), 0);
        long firstPid = server.pool().stats().workers().get(0).pid();

        HttpResponse<String> response = Http.get(server.url() + LONG_REQUEST);
        assertEquals(504, response.statusCode(), response.body());
        assertTrue(response.body().contains("worker pid " + firstPid + " gave no answer within 300 ms; it was killed;"
                + " a new worker is starting"), response.body());

        long newPid = awaitIdleWorker();
        assertNotEquals(firstPid, newPid);
        assertEquals(1, server.pool().stats().restarts());
        assertEquals(200, Http.get(server.url() + "/hash?kib=1").statusCode());
    }

    @Test
    void aFullQueueGives503() throws Exception {
        server = ShowcaseServer.start(1, new PoolSettings(1, 0, Duration.ofSeconds(60), Duration.ofSeconds(60),
                List.of()), 0);
        CompletableFuture<HttpResponse<String>> pending = Http.getAsync(server.url() + LONG_REQUEST);
        long busy = awaitBusyWorker();

        HttpResponse<String> rejected = Http.get(server.url() + "/primes?n=10");
        assertEquals(503, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().contains("all 1 workers are busy and 0 requests are waiting"), rejected.body());

        ProcessHandle.of(busy).orElseThrow().destroyForcibly();   // do not wait for the long request
        assertEquals(502, pending.get(60, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void stoppingTheServerAnswersARunningRequestWith502AndKillsItsWorker() throws Exception {
        server = ShowcaseServer.start(1, PoolSettings.of(1), 0);
        CompletableFuture<HttpResponse<String>> pending = Http.getAsync(server.url() + LONG_REQUEST);
        awaitBusyWorker();
        assertEquals(List.of(-9), server.stop());
        HttpResponse<String> response = pending.get(60, TimeUnit.SECONDS);
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().contains("the server is stopping"), response.body());
    }

    private long awaitBusyWorker() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Long> busy = server.pool().stats().busyPids();
            if (!busy.isEmpty()) {
                return busy.get(0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no worker became busy: " + server.pool().stats());
    }

    private long awaitIdleWorker() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (PoolStats.WorkerInfo w : server.pool().stats().workers()) {
                if (w.state().equals("IDLE")) {
                    return w.pid();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no worker became idle: " + server.pool().stats());
    }
}
