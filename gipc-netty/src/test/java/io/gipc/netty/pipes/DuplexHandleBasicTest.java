package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.assertNames;
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
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcLockedException;
import io.gipc.testkit.OpenDescriptors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestDuplexHandleBasic}: duplex handles in one process.
 *
 * <p>The seed's duplex handle is a reader and a writer, two handles that close separately; here a
 * {@code GipcDuplex} is one handle over one descriptor, so where the seed checks {@code h._writer._closed} and
 * {@code h._reader._closed} these tests check the one {@code isClosed()}, and a duplex pipe adds two open handles,
 * not four.
 */
@Timeout(60)
class DuplexHandleBasicTest {
    /** The seed's {@code SHORTTIME}, 0.01 s. */
    static final long SHORTTIME_MILLIS = 10;
    /** The seed's {@code LONGERTHANBUFFER}. */
    static final String LONGERTHANBUFFER = "A".repeat(9_999_999);

    // test_gipc.py TestDuplexHandleBasic.test_simple
    @Test
    void simple() {
        int before = Gipc.openHandles().size();
        GipcDuplexPipe<Integer> p = Gipc.duplexPipe();
        GipcDuplex<Integer> h1 = p.first();
        GipcDuplex<Integer> h2 = p.second();
        assertEquals(before + 2, Gipc.openHandles().size());
        await(h1.put(1));
        await(h2.put(2));
        assertEquals(1, await(h2.get()));
        assertEquals(2, await(h1.get()));
        h1.close();
        h2.close();
    }

    // test_gipc.py TestDuplexHandleBasic.test_context_simple
    @Test
    void contextSimple() {
        try (GipcDuplexPipe<Integer> p = Gipc.duplexPipe()) {
            await(p.first().put(1));
            assertEquals(1, await(p.second().get()));
            await(p.second().put(2));
            assertEquals(2, await(p.first().get()));
        }
    }

    // test_gipc.py TestDuplexHandleBasic.test_context_close
    @Test
    void contextClose() {
        Map<Integer, String> descriptorsBefore = OpenDescriptors.now();
        GipcDuplex<String> h1;
        GipcDuplex<String> h2;
        try (GipcDuplexPipe<String> p = Gipc.duplexPipe()) {
            h1 = p.first();
            h2 = p.second();
        }
        assertTrue(h1.isClosed());
        assertTrue(h2.isClosed());
        List<GipcHandle> open = Gipc.openHandles();
        assertFalse(open.contains(h1) || open.contains(h2));
        assertEquals(
                descriptorsBefore.size(),
                OpenDescriptors.now().size(),
                "the descriptors are closed once the pipe's close() returned (off the loop)");
    }

    // test_gipc.py TestDuplexHandleBasic.test_context_single_close
    @Test
    void contextSingleClose() {
        GipcDuplexPipe<String> p = Gipc.duplexPipe();
        GipcDuplex<String> h1 = p.first();
        GipcDuplex<String> h2 = p.second();
        try (GipcDuplex<String> side1 = h1) {
            assertFalse(side1.isClosed());
        }
        assertTrue(h1.isClosed());
        assertFalse(Gipc.openHandles().contains(h1));
        assertThrows(GipcClosedException.class, h1::close);
        h2.close();
    }

    // test_gipc.py TestDuplexHandleBasic.test_close_in_context
    @Test
    void closeInContext() {
        try (GipcDuplexPipe<String> p = Gipc.duplexPipe()) {
            GipcDuplex<String> h1 = p.first();
            GipcDuplex<String> h2 = p.second();
            await(h1.put(""));
            assertEquals("", await(h2.get()));
            h1.close();
            h2.close();
        }
    }

    // test_gipc.py TestDuplexHandleBasic.test_lock_out_of_context_single
    @Test
    void lockOutOfContextSingle() {
        GipcDuplexPipe<String> p = Gipc.duplexPipe();
        GipcDuplex<String> h1 = p.first();
        GipcDuplex<String> h2 = p.second();
        GipcFuture<String> g = h1.get();
        sleep(SHORTTIME_MILLIS);
        assertThrows(GipcLockedException.class, () -> {
            try (GipcDuplex<String> ignored = h1) {
                assertFalse(ignored.isClosed()); // can't close h1 on exit: locked by g
            }
        });
        assertFalse(h1.isClosed());
        assertTrue(g.cancel(true)); // g.kill()
        h2.close();
        assertFalse(h1.isClosed());
        h1.close();
        assertTrue(h1.isClosed());
    }

    // test_gipc.py TestDuplexHandleBasic.test_lock_out_of_context_pair
    @Test
    void lockOutOfContextPair() {
        AtomicReference<GipcDuplexPipe<String>> pipe = new AtomicReference<>();
        AtomicReference<GipcFuture<Void>> gw = new AtomicReference<>();
        GipcLockedException e = assertThrows(GipcLockedException.class, () -> {
            try (GipcDuplexPipe<String> p = Gipc.duplexPipe()) {
                pipe.set(p);
                // more than the socket buffers hold: the put stays pending while nobody reads
                gw.set(p.first().put(LONGERTHANBUFFER));
                sleep(SHORTTIME_MILLIS);
                // the pipe's close() fails on h1 and closes h2 nevertheless
            }
        });
        GipcDuplex<String> h1 = pipe.get().first();
        GipcDuplex<String> h2 = pipe.get().second();
        assertFalse(h1.isClosed());
        assertTrue(h2.isClosed());
        assertNames(h1, e);
        // h2 is gone: the pending put fails and frees h1
        assertFails(GipcBrokenPipeException.class, gw.get());
        h1.close();
        assertTrue(h1.isClosed());
    }

    // test_gipc.py TestDuplexHandleBasic.test_lock_out_of_context_pair_2
    @Test
    void lockOutOfContextPair2() {
        AtomicReference<GipcDuplexPipe<String>> pipe = new AtomicReference<>();
        AtomicReference<GipcFuture<String>> gr = new AtomicReference<>();
        assertThrows(GipcLockedException.class, () -> {
            try (GipcDuplexPipe<String> p = Gipc.duplexPipe()) {
                pipe.set(p);
                gr.set(p.second().get());
                sleep(SHORTTIME_MILLIS);
                // the pipe's close() closes h1, fails on h2
            }
        });
        GipcDuplex<String> h1 = pipe.get().first();
        GipcDuplex<String> h2 = pipe.get().second();
        assertTrue(h1.isClosed());
        assertFalse(h2.isClosed());
        // h1 is gone: the pending get ends with EOF and frees h2
        assertFails(GipcEofException.class, gr.get());
        h2.close();
    }

    // test_gipc.py TestDuplexHandleBasic.test_lock_out_of_context_pair_3
    @Test
    void lockOutOfContextPair3() {
        AtomicReference<GipcDuplexPipe<String>> pipe = new AtomicReference<>();
        AtomicReference<GipcFuture<String>> gr1 = new AtomicReference<>();
        AtomicReference<GipcFuture<String>> gr2 = new AtomicReference<>();
        GipcLockedException e = assertThrows(GipcLockedException.class, () -> {
            try (GipcDuplexPipe<String> p = Gipc.duplexPipe()) {
                pipe.set(p);
                gr1.set(p.first().get());
                gr2.set(p.second().get());
                sleep(SHORTTIME_MILLIS);
                // the pipe's close() fails on both
            }
        });
        GipcDuplex<String> h1 = pipe.get().first();
        GipcDuplex<String> h2 = pipe.get().second();
        assertFalse(h1.isClosed());
        assertFalse(h2.isClosed());
        assertNames(h1, e);
        assertNames(h2, e);
        assertTrue(gr1.get().cancel(true));
        assertTrue(gr2.get().cancel(true));
        h2.close();
        h1.close();
    }

    // test_gipc.py TestDuplexHandleBasic.test_lock_out_of_context_pair_4
    @Test
    void lockOutOfContextPair4() {
        AtomicReference<GipcDuplexPipe<String>> pipe = new AtomicReference<>();
        AtomicReference<GipcFuture<Void>> gw1 = new AtomicReference<>();
        AtomicReference<GipcFuture<Void>> gw2 = new AtomicReference<>();
        GipcLockedException e = assertThrows(GipcLockedException.class, () -> {
            try (GipcDuplexPipe<String> p = Gipc.duplexPipe()) {
                pipe.set(p);
                gw1.set(p.first().put(LONGERTHANBUFFER));
                gw2.set(p.second().put(LONGERTHANBUFFER));
                sleep(SHORTTIME_MILLIS);
                // the pipe's close() fails on both
            }
        });
        GipcDuplex<String> h1 = pipe.get().first();
        GipcDuplex<String> h2 = pipe.get().second();
        assertFalse(h1.isClosed());
        assertFalse(h2.isClosed());
        assertNames(h1, e);
        assertNames(h2, e);
        // a put cannot be cancelled (the seed kills its greenlets): read both messages to end the puts
        assertEquals(LONGERTHANBUFFER, await(h1.get()));
        assertEquals(LONGERTHANBUFFER, await(h2.get()));
        await(gw1.get());
        await(gw2.get());
        h2.close();
        h1.close();
    }

    // test_gipc.py TestDuplexHandleBasic.test_double_close
    @Test
    void doubleClose() {
        GipcDuplex<String> h1;
        GipcDuplex<String> h2;
        try (GipcDuplexPipe<String> p = Gipc.duplexPipe()) {
            h1 = p.first();
            h2 = p.second();
        }
        assertThrows(GipcClosedException.class, h2::close);
        assertThrows(GipcClosedException.class, h1::close);
    }
}
