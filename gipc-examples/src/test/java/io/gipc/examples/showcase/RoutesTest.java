package io.gipc.examples.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.examples.support.MiniHttpClient;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's routes and its answers to bad requests. */
class RoutesTest {
    private static ShowcaseServer server;
    private static MiniHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = ShowcaseServer.start(1, PoolSettings.of(1), 0);
        server.probe().start();
        http = new MiniHttpClient("127.0.0.1", server.port(), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        server.close();
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
    }

    private static MiniHttpClient.Reply get(String path) throws Exception {
        return http.get(path).get(90, TimeUnit.SECONDS);
    }

    @Test
    void primes() throws Exception {
        MiniHttpClient.Reply r = get("/primes?n=1_000_000");
        assertEquals(200, r.status(), r.body());
        assertTrue(
                r.body().startsWith("{\"task\":\"primes\",\"n\":1000000,\"result\":\"78498\",\"worker\":"), r.body());
        assertEquals("application/json", r.contentType());
    }

    @Test
    void hash() throws Exception {
        MiniHttpClient.Reply r = get("/hash?kib=1");
        assertEquals(200, r.status(), r.body());
        byte[] kib = new byte[1024];
        for (int i = 0; i < kib.length; i++) {
            kib[i] = (byte) (i * 31 + 7);
        }
        String expected = HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(kib));
        assertTrue(r.body().contains("\"result\":\"" + expected + "\""), r.body());
    }

    @Test
    void statsAndHelp() throws Exception {
        MiniHttpClient.Reply stats = get("/stats");
        assertEquals(200, stats.status());
        assertTrue(
                stats.body()
                        .matches("\\{\"workers\":\\{\"\\d+\":\"(IDLE|BUSY)\"},\"servedByPid\":\\{.*},"
                                + "\"restarts\":0,\"queued\":0,\"loopLagP99Ms\":[0-9.]+,\"loopLagMaxMs\":[0-9.]+,"
                                + "\"loopLagSamples\":\\d+}\\n"),
                stats.body());
        MiniHttpClient.Reply help = get("/");
        assertEquals(200, help.status());
        assertTrue(help.body().contains("GET /primes?n=N"), help.body());
    }

    @Test
    void badRequests() throws Exception {
        assertError(400, "/primes", "missing the parameter n, as in /primes?n=1000");
        assertError(400, "/primes?n=0", "n must be between 1 and 10000000, got 0");
        assertError(400, "/primes?n=99999999999", "n must be between 1 and 10000000");
        assertError(400, "/hash?kib=lots", "kib must be a whole number, got lots");
        assertError(404, "/nothing", "no such path: /nothing; try /");
        MiniHttpClient.Reply post = http.send(HttpMethod.POST, "/primes?n=10").get(90, TimeUnit.SECONDS);
        assertEquals(405, post.status());
    }

    private static void assertError(int status, String path, String message) throws Exception {
        MiniHttpClient.Reply r = get(path);
        assertEquals(status, r.status(), r.body());
        assertTrue(r.body().contains(message), r.body());
    }
}
