package io.gipc.netty.smoke;

import io.gipc.Gipc;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcPipe;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeTest {
    @Test
    void simplexRoundTrip() throws Exception {
        try (GipcPipe<Object> p = Gipc.pipe()) {
            p.writer().put("hello").get(10, TimeUnit.SECONDS);
            assertEquals("hello", p.reader().get().get(10, TimeUnit.SECONDS));
            var g = p.reader().get();
            p.writer().put(new java.util.ArrayList<>(List.of(1, 2, 3)));
            assertEquals(List.of(1, 2, 3), g.get(10, TimeUnit.SECONDS));
        }
        assertTrue(Gipc.openHandles().isEmpty());
    }

    @Test
    void rawDuplexBigMessage() throws Exception {
        try (GipcDuplexPipe<byte[]> p = Gipc.rawDuplexPipe()) {
            byte[] big = new byte[10 << 20];
            for (int i = 0; i < big.length; i++) big[i] = (byte) i;
            var got = p.second().get();
            var put = p.first().put(big);
            assertArrayEquals(big, got.get(30, TimeUnit.SECONDS));
            put.get(30, TimeUnit.SECONDS);
            p.second().put(new byte[0]).get(10, TimeUnit.SECONDS);
            assertEquals(0, p.first().get().get(10, TimeUnit.SECONDS).length);
        }
    }

    @Test
    void manyMessagesRate() throws Exception {
        try (GipcPipe<byte[]> p = Gipc.rawPipe()) {
            int n = 200_000;
            long t0 = System.nanoTime();
            var reader = p.reader();
            var done = new java.util.concurrent.CompletableFuture<Integer>();
            readLoop(reader, n, 0, done);
            for (int i = 0; i < n; i++) p.writer().put(new byte[]{(byte) i});
            assertEquals(n, done.get(60, TimeUnit.SECONDS));
            System.out.printf("1-byte msgs/s: %.0f%n", n / ((System.nanoTime() - t0) / 1e9));
        }
    }

    private static void readLoop(io.gipc.GipcReader<byte[]> r, int n, int got, java.util.concurrent.CompletableFuture<Integer> done) {
        if (got == n) { done.complete(got); return; }
        r.get().whenComplete((m, e) -> {
            if (e != null) done.completeExceptionally(e); else readLoop(r, n, got + 1, done);
        });
    }
}
