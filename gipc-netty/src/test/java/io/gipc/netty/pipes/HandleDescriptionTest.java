package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A handle's {@code toString()}: its name and state, with the operations pending on it (for test reports). */
@Timeout(60)
class HandleDescriptionTest {
    private static void assertMatches(String regex, Object handle) {
        assertTrue(Pattern.matches(regex, handle.toString()), handle.toString());
    }

    @Test
    void openLockedAndClosedHandlesSayWhatTheyAre() {
        GipcPipe<String> pipe = Gipc.pipe();
        assertMatches("GipcReader#\\d+ \\(fd \\d+\\) \\[open\\]", pipe.reader());
        assertMatches("GipcWriter#\\d+ \\(fd \\d+\\) \\[open\\]", pipe.writer());

        GipcFuture<String> get = pipe.reader().get();
        assertMatches(
                "GipcReader#\\d+ \\(fd \\d+\\) \\[locked: 1 get\\(\\) pending for \\d+\\.\\d s\\]", pipe.reader());
        await(pipe.writer().put("x"));
        await(get);
        assertMatches(".* \\[open\\]", pipe.reader());

        pipe.close();
        assertMatches("GipcReader#\\d+ \\(fd \\d+\\) \\[closed\\]", pipe.reader());
    }

    @Test
    void getsAndPutsPendingOnADuplexEndAreCounted() {
        try (GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe()) {
            GipcDuplex<byte[]> first = pipe.first();
            GipcFuture<byte[]> get1 = first.get();
            GipcFuture<byte[]> get2 = first.get();
            GipcFuture<Void> put = first.put(message(1, 10 * MIB));
            assertMatches(".* \\[locked: 2 get\\(\\) and 1 put\\(\\) pending for \\d+\\.\\d s\\]", first);

            await(pipe.second().get()); // takes the 10 MiB: the put completes
            await(put);
            assertMatches(".* \\[locked: 2 get\\(\\) pending for .*", first);
            await(pipe.second().put(new byte[0]));
            await(pipe.second().put(new byte[0]));
            await(get1);
            await(get2);
            assertMatches(".* \\[open\\]", first);
        }
    }
}
