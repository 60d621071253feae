package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.sleep;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcClosedException;
import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcLockedException;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestClose}: closing handles, and reading and writing around a close.
 * Each test closes both handles itself.
 *
 * <p>The seed's {@code EOFError} is {@code GipcEofException}; its {@code OSError} (broken pipe) is
 * {@code GipcBrokenPipeException}, which fails the future of {@code put()}. Killing a greenlet blocked in
 * {@code get()} is cancelling that get's future.
 */
@Timeout(60)
class CloseTest {
    /** The seed's {@code SHORTTIME}, 0.01 s. */
    static final long SHORTTIME_MILLIS = 10;

    private GipcReader<String> rh;
    private GipcWriter<String> wh;

    @BeforeEach
    void setup() {
        GipcPipe<String> pipe = Gipc.pipe();
        rh = pipe.reader();
        wh = pipe.writer();
    }

    // test_gipc.py TestClose.test_twoclose
    @Test
    void twoclose() {
        wh.close();
        assertThrows(GipcClosedException.class, wh::close);
        rh.close();
    }

    // test_gipc.py TestClose.test_closewrite
    @Test
    void closewrite() {
        wh.close();
        assertThrows(GipcClosedException.class, () -> wh.put(""));
        rh.close();
    }

    // test_gipc.py TestClose.test_closeread
    @Test
    void closeread() {
        rh.close();
        assertThrows(GipcClosedException.class, rh::get);
        wh.close();
    }

    // test_gipc.py TestClose.test_readclose_whileread
    @Test
    void readcloseWhileread() {
        GipcFuture<String> g = rh.get();
        sleep(SHORTTIME_MILLIS);
        assertThrows(GipcLockedException.class, rh::close);
        assertTrue(g.cancel(true)); // g.kill()
        wh.close();
        rh.close();
    }

    // test_gipc.py TestClose.test_closewrite_read
    @Test
    void closewriteRead() {
        wh.close();
        assertFails(GipcEofException.class, rh.get());
        rh.close();
    }

    // test_gipc.py TestClose.test_closeread_write
    @Test
    void closereadWrite() {
        rh.close();
        assertFails(GipcBrokenPipeException.class, wh.put(""));
        wh.close();
    }

    // test_gipc.py TestClose.test_write_closewrite_read
    @Test
    void writeClosewriteRead() {
        await(wh.put("a"));
        wh.close();
        assertEquals("a", await(rh.get()));
        assertFails(GipcEofException.class, rh.get());
        rh.close();
    }
}
