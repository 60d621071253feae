package io.gipc.netty.pipes;

import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gipc.Gipc;
import io.gipc.GipcPipe;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestGetTimeout}: the timeout of {@code get()}. The seed passes a
 * {@code gevent.Timeout}; here {@code get(Duration)} fails its future with {@code TimeoutException}.
 */
@Timeout(60)
class GetTimeoutTest {
    /** The seed's {@code SHORTTIME}. */
    static final Duration SHORTTIME = Duration.ofMillis(10);

    // test_gipc.py TestGetTimeout.test_simpletimeout_expires
    @Test
    void simpletimeoutExpires() {
        try (GipcPipe<String> p = Gipc.pipe()) {
            assertFails(TimeoutException.class, p.reader().get(SHORTTIME));
        }
    }

    // test_gipc.py TestGetTimeout.test_simpletimeout_expires_contextmanager
    @Test
    void simpletimeoutExpiresContextmanager() {
        try (GipcPipe<String> p = Gipc.pipe()) {
            TimeoutException t = assertFails(TimeoutException.class, p.reader().get(SHORTTIME));
            assertEquals(TimeoutException.class, t.getClass());
        } // the pipe closes: the timed-out get() no longer locks the reader
    }

    // test_gipc.py TestGetTimeout.test_simpletimeout_doesnt_expire
    @Test
    void simpletimeoutDoesntExpire() {
        try (GipcPipe<String> p = Gipc.pipe()) {
            await(p.writer().put(""));
            // the message is in the reader's socket buffer before the get(): a timeout generous enough never to
            // fire on a busy machine still shows that it does not fire while a message is there
            assertEquals("", await(p.reader().get(Duration.ofSeconds(5))));
        }
    }
}
