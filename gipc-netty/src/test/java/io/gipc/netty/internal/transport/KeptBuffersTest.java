package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Direct gets and puts build small frames in a buffer each side keeps for the next one ({@link DirectReads},
 * {@link DirectWrites}): one reused buffer must never mix one message's bytes into another's, and a frame the
 * socket does not take (or takes in part) must reach the loop whole. Every wait is bounded against hangs only.
 */
@Timeout(120)
class KeptBuffersTest {
    private static final long HANG_SECONDS = 30;

    @Test
    void smallPutsThatFillTheSocketHandTheirRestToTheLoopWithNothingTornOrLost() throws Exception {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            List<GipcFuture<Void>> puts = new ArrayList<>();
            int n = 0;
            while (n < 10_000 && (puts.isEmpty() || puts.get(puts.size() - 1).isDone())) {
                puts.add(pipe.writer().put(numbered(n, 1000 + n % 3000)));
                n++;
            }
            assertFalse(puts.get(puts.size() - 1).isDone(), "the socket filled up");
            for (int i = 0; i < 50; i++, n++) {
                puts.add(pipe.writer().put(numbered(n, 1000 + n % 3000)));
            }
            for (int i = 0; i < n; i++) {
                assertArrayEquals(
                        numbered(i, 1000 + i % 3000),
                        pipe.reader().get().get(HANG_SECONDS, TimeUnit.SECONDS),
                        "message " + i);
            }
            for (GipcFuture<Void> put : puts) {
                put.get(HANG_SECONDS, TimeUnit.SECONDS);
            }
            assertFalse(pipe.writer().isLocked());
        }
    }

    @Test
    void messagesOfEverySizeReadDirectlyOneAfterAnotherKeepTheirOwnBytes() throws Exception {
        int[] sizes = {0, 1, 8188, 8189, 100_000, 3, DirectReads.KEPT_BUFFER_BYTES, 17, 0, 64_000, 5};
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            for (int i = 0; i < sizes.length; i++) {
                pipe.writer().put(numbered(i, sizes[i])).get(HANG_SECONDS, TimeUnit.SECONDS);
                GipcFuture<byte[]> get = pipe.reader().get();
                assertTrue(get.isDone(), "a message already there is read on the caller's thread");
                assertArrayEquals(numbered(i, sizes[i]), get.getNow(null), "message " + i + " of " + sizes[i]);
            }
        }
    }

    /** A message of {@code size} bytes (at least 4, or none) whose bytes all depend on {@code n}. */
    private static byte[] numbered(int n, int size) {
        byte[] m = new byte[size == 0 ? 0 : Math.max(4, size)];
        for (int i = 4; i < m.length; i++) {
            m[i] = (byte) (n * 31 + i);
        }
        if (m.length >= 4) {
            ByteBuffer.wrap(m).putInt(n);
        }
        return m;
    }
}
