package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 6 (first sentence): after the other end is closed and every message sent was read,
 * {@code get()} fails with {@code GipcEofException}.
 *
 * <p>The second sentence (the end of the stream inside a message fails with a {@code GipcException} that is not a
 * {@code GipcEofException}) needs a writer that dies in the middle of a message, which the public API cannot make
 * inside one JVM; the transport's own {@code FramingFaultsTest} covers it by writing bytes to the socket directly.
 */
@Timeout(60)
class EndOfStreamTest {

    @Test
    void getAfterTheWriterClosedFailsWithEofAndKeepsFailing() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            pipe.writer().close();
            assertFails(GipcEofException.class, pipe.reader().get());
            assertFails(GipcEofException.class, pipe.reader().get());
            assertFails(GipcEofException.class, pipe.reader().get(Duration.ofSeconds(30)));
            assertFalse(pipe.reader().isLocked());
        }
    }

    @Test
    void everyMessageSentIsReadBeforeEof() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            List<String> sent = List.of("a", "", "OK".repeat(1000), "last");
            for (String m : sent) {
                await(pipe.writer().put(m));
            }
            pipe.writer().close();
            for (String m : sent) {
                assertEquals(m, await(pipe.reader().get()), "bytes the closed end wrote stay readable");
            }
            assertFails(GipcEofException.class, pipe.reader().get());
        }
    }

    @Test
    void aBigMessageWrittenBeforeTheCloseIsReadBeforeEof() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            byte[] big = PipeTestSupport.message(1, 2 * MIB);
            GipcFuture<byte[]> get = pipe.reader().get();
            await(pipe.writer().put(big));
            pipe.writer().close();
            assertArrayEquals(big, await(get));
            assertFails(GipcEofException.class, pipe.reader().get());
        }
    }

    @Test
    void aPendingGetFailsWithEofWhenTheWriterCloses() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcFuture<String> first = pipe.reader().get();
            GipcFuture<String> second = pipe.reader().get(Duration.ofSeconds(30));
            pipe.writer().close();
            assertFails(GipcEofException.class, first);
            assertFails(GipcEofException.class, second);
            assertFalse(pipe.reader().isLocked());
        }
    }

    @Test
    void aDuplexEndSeesEofWhenTheOtherEndCloses() {
        try (GipcDuplexPipe<String> pipe = Gipc.duplexPipe()) {
            await(pipe.second().put("last words"));
            pipe.second().close();
            assertEquals("last words", await(pipe.first().get()));
            assertFails(GipcEofException.class, pipe.first().get());
        }
    }

    /**
     * A socket closed with bytes unread makes the kernel reset its peer (ECONNRESET) instead of ending its stream;
     * for the peer that is still the end of the stream: what the closed end sent is read first, then EOF.
     */
    @Test
    void aDuplexEndSeesEofWhenTheOtherEndClosesWithMessagesUnread() {
        try (GipcDuplexPipe<String> pipe = Gipc.duplexPipe()) {
            await(pipe.first().put("never read by the second end"));
            await(pipe.second().put("last words"));
            pipe.second().close();
            assertEquals("last words", await(pipe.first().get()));
            assertFails(GipcEofException.class, pipe.first().get());
            assertFails(GipcEofException.class, pipe.first().get(Duration.ofSeconds(30)));
        }
    }

    @Test
    void aPendingDuplexGetFailsWithEofWhenTheOtherEndClosesWithMessagesUnread() {
        try (GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe()) {
            GipcFuture<byte[]> pending = pipe.first().get();
            GipcFuture<Void> put =
                    pipe.first().put(PipeTestSupport.message(1, MIB)); // more than the socket buffer holds
            pipe.second().close();
            String why = assertFails(GipcBrokenPipeException.class, put).getMessage();
            assertTrue(
                    why.startsWith("no reader is left on the other end of GipcDuplex#") && !why.endsWith("null"), why);
            assertFails(GipcEofException.class, pending);
        }
    }
}
