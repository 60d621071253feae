package io.gipc.examples.showcase;

import io.gipc.Gipc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's routes and its answers to bad requests. */
class RoutesTest {
    private static ShowcaseServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ShowcaseServer.start(1, PoolSettings.of(1), 0);
        server.probe().start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        assertTrue(Gipc.openHandles().isEmpty(), Gipc.openHandles()::toString);
    }

    @Test
    void primes() throws Exception {
        HttpResponse<String> r = Http.get(server.url() + "/primes?n=1_000_000");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"task\":\"primes\",\"n\":1000000,\"result\":\"78498\",\"worker\":"), r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void hash() throws Exception {
        HttpResponse<String> r = Http.get(server.url() + "/hash?kib=1");
        assertEquals(200, r.statusCode(), r.body());
        byte[] kib = new byte[1024];
        for (int i = 0; i < kib.length; i++) {
            kib[i] = (byte) (i * 31 + 7);
        }
        String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(kib));
        assertTrue(r.body().contains("\"result\":\"" + expected + "\""), r.body());
    }

    @Test
    void statsAndHelp() throws Exception {
        HttpResponse<String> stats = Http.get(server.url() + "/stats");
        assertEquals(200, stats.statusCode());
        assertTrue(stats.body().matches("\\{\"workers\":\\{\"\\d+\":\"(IDLE|BUSY)\"},\"servedByPid\":\\{.*},"
                + "\"restarts\":0,\"queued\":0,\"loopLagP99Ms\":[0-9.]+,\"loopLagMaxMs\":[0-9.]+,"
                + "\"loopLagSamples\":\\d+}\\n"), stats.body());
        HttpResponse<String> help = Http.get(server.url() + "/");
        assertEquals(200, help.statusCode());
        assertTrue(help.body().contains("GET /primes?n=N"), help.body());
    }

    @Test
    void badRequests() throws Exception {
        assertError(400, "/primes", "missing the parameter n, as in /primes?n=1000");
        assertError(400, "/primes?n=0", "n must be between 1 and 10000000, got 0");
        assertError(400, "/primes?n=99999999999", "n must be between 1 and 10000000");
        assertError(400, "/hash?kib=lots", "kib must be a whole number, got lots");
        assertError(404, "/nothing", "no such path: /nothing; try /");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/primes?n=10")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    private static void assertError(int status, String path, String message) throws Exception {
        HttpResponse<String> r = Http.get(server.url() + path);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains(message), r.body());
    }
}
