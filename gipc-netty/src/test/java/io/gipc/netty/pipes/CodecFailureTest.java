package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.causedBy;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcCodecException;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 8: an encoder that throws or returns null fails the future of that {@code put()} with
 * {@code GipcCodecException} and writes nothing. A decoder that throws fails that {@code get()} with
 * {@code GipcCodecException}; the message is consumed and the next {@code get()} works. Raw pipes carry
 * {@code byte[]} as is, empty arrays included.
 */
@Timeout(60)
class CodecFailureTest {

    /** Encodes a string as UTF-8; throws for strings starting with "bad", returns null for "null". */
    static byte[] encode(String s) throws IOException {
        if (s.startsWith("bad")) {
            throw new IOException("cannot encode " + s);
        }
        if (s.equals("null")) {
            return null;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes UTF-8; throws for payloads starting with "undecodable". */
    static String decode(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        if (s.startsWith("undecodable")) {
            throw new IllegalArgumentException("cannot decode a payload of " + b.length + " bytes");
        }
        return s;
    }

    private static volatile Thread encodedOn;

    static byte[] recordingEncode(String s) {
        encodedOn = Thread.currentThread();
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEncoderThatThrowsFailsThatPutAndWritesNothing() {
        try (GipcPipe<String> pipe = Gipc.pipe(CodecFailureTest::encode, CodecFailureTest::decode)) {
            GipcFuture<Void> bad = pipe.writer().put("bad message"); // fails through the future
            GipcCodecException e = assertFails(GipcCodecException.class, bad);
            assertTrue(causedBy(e, IOException.class), "the encoder's exception is the cause: " + e);
            assertFalse(pipe.writer().isLocked());
            await(pipe.writer().put("good"));
            assertEquals("good", await(pipe.reader().get()), "nothing of the failed message was written");
        }
    }

    @Test
    void anEncoderThatReturnsNullFailsThatPutAndWritesNothing() {
        try (GipcPipe<String> pipe = Gipc.pipe(CodecFailureTest::encode, CodecFailureTest::decode)) {
            assertFails(GipcCodecException.class, pipe.writer().put("null"));
            assertFalse(pipe.writer().isLocked());
            await(pipe.writer().put("good"));
            assertEquals("good", await(pipe.reader().get()), "nothing of the failed message was written");
            pipe.writer().close();
            assertFails(GipcEofException.class, pipe.reader().get());
        }
    }

    @Test
    void aDecoderThatThrowsFailsThatGetConsumesTheMessageAndTheNextGetWorks() {
        try (GipcPipe<String> pipe = Gipc.pipe(CodecFailureTest::encode, CodecFailureTest::decode)) {
            await(pipe.writer().put("undecodable"));
            await(pipe.writer().put("fine"));
            GipcCodecException e =
                    assertFails(GipcCodecException.class, pipe.reader().get());
            assertTrue(causedBy(e, IllegalArgumentException.class), "the decoder's exception is the cause: " + e);
            assertFalse(pipe.reader().isLocked());
            assertEquals("fine", await(pipe.reader().get()));
        }
    }

    @Test
    void aBigUndecodableMessageIsConsumedWhole() {
        try (GipcPipe<String> pipe = Gipc.pipe(CodecFailureTest::encode, CodecFailureTest::decode)) {
            String big = "undecodable" + "x".repeat(2 * MIB);
            GipcFuture<String> first = pipe.reader().get();
            GipcFuture<String> second = pipe.reader().get();
            GipcFuture<Void> put1 = pipe.writer().put(big);
            GipcFuture<Void> put2 = pipe.writer().put("after");
            assertFails(GipcCodecException.class, first);
            assertEquals("after", await(second));
            await(put1);
            await(put2);
        }
    }

    @Test
    void rawPipesCarryBytesAsIsEmptyArraysIncluded() {
        List<byte[]> messages = List.of(
                new byte[0],
                new byte[] {0},
                new byte[0],
                new byte[] {-1, 0, 1, 127, -128},
                message(1, 300_000),
                new byte[0]);
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            for (byte[] m : messages) {
                GipcFuture<byte[]> get = pipe.reader().get();
                await(pipe.writer().put(m));
                byte[] got = await(get);
                assertNotNull(got);
                assertArrayEquals(m, got);
            }
        }
        try (GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe()) {
            await(pipe.first().put(new byte[0]));
            await(pipe.second().put(new byte[0]));
            assertEquals(0, await(pipe.second().get()).length);
            assertEquals(0, await(pipe.first().get()).length);
        }
    }

    @Test
    void theEncoderRunsOnTheThreadThatCallsPut() {
        encodedOn = null;
        try (GipcPipe<String> pipe = Gipc.pipe(CodecFailureTest::recordingEncode, CodecFailureTest::decode)) {
            GipcFuture<Void> put = pipe.writer().put("where");
            assertSame(Thread.currentThread(), encodedOn);
            await(put);
            assertEquals("where", await(pipe.reader().get()));
        }
    }
}
