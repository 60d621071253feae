package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.sleep;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcClosedException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcLockedException;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.testkit.OpenDescriptors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestContextManager}: {@code with pipe() as (r, w)} is
 * try-with-resources on a {@code GipcPipe}; {@code with w} is try-with-resources on one handle.
 *
 * <p>Where the seed checks that {@code os.close(fd)} fails afterwards (the descriptor is closed), these tests check
 * {@code isClosed()}, that the handles left {@code Gipc.openHandles()}, and that the process has no more descriptors
 * than before; the test kit's leak check checks the last after each test too.
 */
@Timeout(60)
class ContextManagerTest {
    /** The seed's {@code SHORTTIME}, 0.01 s. */
    static final long SHORTTIME_MILLIS = 10;
    /** The seed's {@code LONGERTHANBUFFER}. */
    static final String LONGERTHANBUFFER = "A".repeat(9_999_999);

    // test_gipc.py TestContextManager.test_combi
    @Test
    void combi() {
        Map<Integer, String> descriptorsBefore = OpenDescriptors.now();
        GipcReader<String> r;
        GipcWriter<String> w;
        try (GipcPipe<String> p = Gipc.pipe()) {
            r = p.reader();
            w = p.writer();
            assertTrue(OpenDescriptors.now().size() > descriptorsBefore.size());
        }
        assertTrue(r.isClosed());
        assertTrue(w.isClosed());
        assertFalse(Gipc.openHandles().contains(r));
        assertFalse(Gipc.openHandles().contains(w));
        assertEquals(
                descriptorsBefore.size(),
                OpenDescriptors.now().size(),
                "both descriptors are closed once the pipe's close() returned (off the loop)");
    }

    // test_gipc.py TestContextManager.test_single_reader
    @Test
    void singleReader() {
        int before = Gipc.openHandles().size();
        GipcPipe<String> p = Gipc.pipe();
        GipcReader<String> r = p.reader();
        GipcWriter<String> w = p.writer();
        try (GipcWriter<String> foo = w) {
            assertTrue(foo == w);
        }
        assertTrue(w.isClosed());
        List<GipcHandle> open = Gipc.openHandles();
        assertEquals(before + 1, open.size());
        assertTrue(open.contains(r));
        assertThrows(GipcClosedException.class, w::close);
        r.close();
    }

    // test_gipc.py TestContextManager.test_single_writer
    @Test
    void singleWriter() {
        int before = Gipc.openHandles().size();
        GipcPipe<String> p = Gipc.pipe();
        GipcReader<String> r = p.reader();
        GipcWriter<String> w = p.writer();
        try (GipcReader<String> foo = r) {
            assertTrue(foo == r);
        }
        assertTrue(r.isClosed());
        List<GipcHandle> open = Gipc.openHandles();
        assertEquals(before + 1, open.size());
        assertTrue(open.contains(w));
        assertThrows(GipcClosedException.class, r::close);
        w.close();
    }

    // test_gipc.py TestContextManager.test_close_in_context
    @Test
    void closeInContext() {
        try (GipcPipe<String> p = Gipc.pipe()) {
            GipcReader<String> r = p.reader();
            GipcWriter<String> w = p.writer();
            await(w.put(""));
            assertEquals("", await(r.get()));
            r.close();
            w.close();
        } // the pipe's close() skips what is already closed
    }

    // test_gipc.py TestContextManager.test_lock_out_of_context_single
    @Test
    void lockOutOfContextSingle() {
        GipcPipe<String> p = Gipc.pipe();
        GipcReader<String> r = p.reader();
        GipcWriter<String> w = p.writer();
        GipcFuture<String> g = r.get();
        sleep(SHORTTIME_MILLIS);
        assertThrows(GipcLockedException.class, () -> {
            try (GipcReader<String> ignored = r) {
                assertFalse(ignored.isClosed()); // the context can't close r: it is locked by g
            }
        });
        assertTrue(g.cancel(true)); // g.kill()
        w.close();
        r.close();
    }

    // test_gipc.py TestContextManager.test_lock_out_of_context_pair
    @Test
    void lockOutOfContextPair() {
        AtomicReference<GipcReader<String>> r = new AtomicReference<>();
        AtomicReference<GipcWriter<String>> w = new AtomicReference<>();
        AtomicReference<GipcFuture<Void>> gw = new AtomicReference<>();
        assertThrows(GipcLockedException.class, () -> {
            try (GipcPipe<String> p = Gipc.pipe()) {
                r.set(p.reader());
                w.set(p.writer());
                // more than the socket buffers hold: the put stays pending with no reader
                gw.set(w.get().put(LONGERTHANBUFFER));
                sleep(SHORTTIME_MILLIS);
                // the pipe's close() fails on the writer and must close the reader nevertheless
            }
        });
        assertTrue(r.get().isClosed());
        assertFalse(w.get().isClosed());
        // the reader is gone: the pending put fails and frees the writer
        assertFails(GipcBrokenPipeException.class, gw.get());
        w.get().close();
    }

    // test_gipc.py TestContextManager.test_lock_out_of_context_pair_2
    @Test
    void lockOutOfContextPair2() {
        AtomicReference<GipcReader<String>> r = new AtomicReference<>();
        AtomicReference<GipcWriter<String>> w = new AtomicReference<>();
        AtomicReference<GipcFuture<String>> gr = new AtomicReference<>();
        assertThrows(GipcLockedException.class, () -> {
            try (GipcPipe<String> p = Gipc.pipe()) {
                r.set(p.reader());
                w.set(p.writer());
                gr.set(r.get().get());
                sleep(SHORTTIME_MILLIS);
                // the pipe's close() closes the writer first, then fails on the reader
            }
        });
        assertTrue(w.get().isClosed());
        assertFalse(r.get().isClosed());
        gr.get().cancel(true); // gr.kill(); the get may have ended already with EOF, the writer being closed
        assertTrue(gr.get().isDone());
        r.get().close();
    }
}
