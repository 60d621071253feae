package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.assertNamesNumber;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gipc.Gipc;
import io.gipc.GipcCodecException;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcEofException;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcPipeOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 9: a 4-byte big-endian length, then the payload. A length that is negative or above the
 * reader's limit (set per pipe through a public option; default the largest Java array) fails that and every later
 * {@code get()} with a {@code GipcException} naming the length. Nothing is skipped silently.
 *
 * <p>Through the public API a frame always carries the true length of its payload, so what can be tested in one JVM
 * is a real frame over the limit. A negative length needs a peer that writes its own bytes: the transport's own
 * {@code FramingFaultsTest} covers it.
 */
@Timeout(60)
class FrameLengthLimitTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String fromUtf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aFrameOverTheLimitFailsThatAndEveryLaterGetNamingItsLength() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe(GipcPipeOptions.defaults().withMaxMessageLength(10))) {
            byte[] atLimit = message(1, 10);
            await(pipe.writer().put(atLimit));
            await(pipe.writer().put(message(2, 11)));
            await(pipe.writer().put(message(3, 5)));

            assertArrayEquals(atLimit, await(pipe.reader().get()), "a message of exactly the limit passes");
            for (GipcFuture<byte[]> get : List.of(
                    pipe.reader().get(), pipe.reader().get(), pipe.reader().get(Duration.ofSeconds(30)))) {
                GipcException e = assertFails(GipcException.class, get);
                assertFalse(e instanceof GipcEofException, "not the end of the stream: " + e);
                assertFalse(e instanceof GipcCodecException, "not a codec failure: " + e);
                assertNamesNumber(11, e.getMessage());
            }
            assertFalse(pipe.reader().isLocked());
        }
    }

    @Test
    void theLimitCountsThePayloadOnly() {
        // the length field is the payload's length: a 300-byte payload passes a limit of 300 (its frame is 304
        // bytes), a 301-byte one does not
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe(GipcPipeOptions.defaults().withMaxMessageLength(300))) {
            byte[] m = message(4, 300);
            await(pipe.writer().put(m));
            await(pipe.writer().put(message(5, 301)));
            assertArrayEquals(m, await(pipe.reader().get()));
            assertNamesNumber(
                    301, assertFails(GipcException.class, pipe.reader().get()).getMessage());
        }
    }

    @Test
    void aLimitOfZeroLetsEmptyMessagesThrough() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe(GipcPipeOptions.defaults().withMaxMessageLength(0))) {
            await(pipe.writer().put(new byte[0]));
            await(pipe.writer().put(new byte[1]));
            assertEquals(0, await(pipe.reader().get()).length);
            assertNamesNumber(
                    1, assertFails(GipcException.class, pipe.reader().get()).getMessage());
        }
    }

    @Test
    void theLimitAppliesToPipesWithACodecAndToDuplexPipes() {
        GipcPipeOptions limit = GipcPipeOptions.defaults().withMaxMessageLength(1000);
        try (GipcPipe<String> pipe = Gipc.pipe(FrameLengthLimitTest::utf8, FrameLengthLimitTest::fromUtf8, limit)) {
            await(pipe.writer().put("x".repeat(1000)));
            await(pipe.writer().put("y".repeat(12_345)));
            assertEquals("x".repeat(1000), await(pipe.reader().get()));
            assertNamesNumber(
                    12_345,
                    assertFails(GipcException.class, pipe.reader().get()).getMessage());
        }
        try (GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe(limit)) {
            GipcFuture<Void> put = pipe.first().put(message(6, 4321));
            assertNamesNumber(
                    4321, assertFails(GipcException.class, pipe.second().get()).getMessage());
            await(put);
        }
    }

    @Test
    void theDefaultLimitIsTheLargestJavaArray() {
        assertEquals(Integer.MAX_VALUE - 8, GipcPipeOptions.defaults().maxMessageLength());
        assertThrows(
                IllegalArgumentException.class, () -> GipcPipeOptions.defaults().withMaxMessageLength(-1));
        assertThrows(
                IllegalArgumentException.class,
                () -> GipcPipeOptions.defaults().withMaxMessageLength(Integer.MAX_VALUE));
    }
}
