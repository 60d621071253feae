package io.gipc.examples.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.examples.support.MiniHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A worker that dies or hangs costs its request a clear HTTP error, and the pool starts a new worker. */
class WorkerFailureTest {
    /** Counting primes up to ten million takes seconds: long enough to kill the worker meanwhile. */
    private static final String LONG_REQUEST = "/primes?n=10000000";

    private ShowcaseServer server;
    private MiniHttpClient http;

    private void start(PoolSettings settings) throws Exception {
        server = ShowcaseServer.start(1, settings, 0);
        http = new MiniHttpClient("127.0.0.1", server.port(), Duration.ofSeconds(90));
    }

    private MiniHttpClient.Reply get(String path) throws Exception {
        return http.get(path).get(90, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
    }

    @Test
    void aWorkerKilledMidRequestGives502AndIsRestarted() throws Exception {
        start(PoolSettings.of(1));
        long firstPid = server.pool().stats().workers().get(0).pid();

        CompletableFuture<MiniHttpClient.Reply> pending = http.get(LONG_REQUEST);
        long busy = awaitBusyWorker();
        assertEquals(firstPid, busy);
        ProcessHandle.of(busy).orElseThrow().destroyForcibly(); // SIGKILL from outside, as an OOM killer would

        MiniHttpClient.Reply response = pending.get(60, TimeUnit.SECONDS);
        assertEquals(502, response.status(), response.body());
        assertTrue(
                response.body()
                        .contains("worker pid " + busy + " was killed by signal 9 (SIGKILL) while"
                                + " computing this request; a new worker is starting"),
                response.body());

        long newPid = awaitIdleWorker();
        assertNotEquals(firstPid, newPid);
        assertEquals(1, server.pool().stats().restarts());
        MiniHttpClient.Reply next = get("/primes?n=100");
        assertEquals(200, next.status(), next.body());
        assertTrue(next.body().contains("\"result\":\"25\""), next.body());
        assertTrue(next.body().contains("\"worker\":" + newPid), next.body());
        assertEquals(List.of(0), server.stop());
    }

    @Test
    void aWorkerSilentPastTheJobTimeoutGives504AndIsReplaced() throws Exception {
        start(PoolSettings.of(1).withJobTimeout(Duration.ofMillis(300)));
        long firstPid = server.pool().stats().workers().get(0).pid();

        MiniHttpClient.Reply response = get(LONG_REQUEST);
        assertEquals(504, response.status(), response.body());
        assertTrue(
                response.body()
                        .contains("worker pid " + firstPid + " gave no answer within 300 ms; it was killed;"
                                + " a new worker is starting"),
                response.body());

        long newPid = awaitIdleWorker();
        assertNotEquals(firstPid, newPid);
        assertEquals(1, server.pool().stats().restarts());
        assertEquals(200, get("/hash?kib=1").status());
    }

    @Test
    void aFullQueueGives503() throws Exception {
        start(new PoolSettings(1, 0, Duration.ofSeconds(60), Duration.ofSeconds(60), List.of()));
        CompletableFuture<MiniHttpClient.Reply> pending = http.get(LONG_REQUEST);
        long busy = awaitBusyWorker();

        MiniHttpClient.Reply rejected = get("/primes?n=10");
        assertEquals(503, rejected.status(), rejected.body());
        assertTrue(rejected.body().contains("all 1 workers are busy and 0 requests are waiting"), rejected.body());

        ProcessHandle.of(busy).orElseThrow().destroyForcibly(); // do not wait for the long request
        assertEquals(502, pending.get(60, TimeUnit.SECONDS).status());
    }

    @Test
    void stoppingTheServerAnswersARunningRequestWith502AndKillsItsWorker() throws Exception {
        start(PoolSettings.of(1));
        CompletableFuture<MiniHttpClient.Reply> pending = http.get(LONG_REQUEST);
        awaitBusyWorker();
        assertEquals(List.of(-9), server.stop());
        MiniHttpClient.Reply response = pending.get(60, TimeUnit.SECONDS);
        assertEquals(502, response.status(), response.body());
        assertTrue(response.body().contains("the server is stopping"), response.body());
    }

    @Test
    void aClientThatClosesItsConnectionCancelsItsRequestAndTheBusyWorkerIsReplaced() throws Exception {
        start(PoolSettings.of(1));
        long firstPid = server.pool().stats().workers().get(0).pid();
        CompletableFuture<MiniHttpClient.Reply> pending = http.get(LONG_REQUEST);
        assertEquals(firstPid, awaitBusyWorker());
        http.close(); // the client gives up: nobody waits for the answer any more
        http = null;
        pending.handle((r, e) -> null).get(60, TimeUnit.SECONDS);

        long newPid = awaitIdleWorker();
        assertNotEquals(firstPid, newPid, "the computation went on in the first worker");
        assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), "the first worker lives");
        assertEquals(1, server.pool().stats().restarts());
        assertEquals(List.of(0), server.stop());
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
