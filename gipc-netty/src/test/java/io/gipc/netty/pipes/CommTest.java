package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.ones;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestComm}: basic communication within one thread or among threads
 * (the seed's greenlets) through a simplex pipe. One pipe per test; the test does not close it, the teardown does.
 *
 * <p>A greenlet blocked in {@code r.get()} is a thread blocked on the future of {@code get()}; the seed's blocking
 * {@code w.put(m)} is {@code await(w.put(m))}.
 */
@Timeout(60)
class CommTest {
    /** The seed's {@code LONG}. */
    static final int LONG = 999_999;

    private int handlesBefore;
    private GipcPipe<Object> pipe;
    private GipcReader<Object> rh;
    private GipcWriter<Object> wh;
    private ExecutorService greenlets;

    @BeforeEach
    void setup() {
        handlesBefore = Gipc.openHandles().size();
        pipe = Gipc.pipe();
        rh = pipe.reader();
        wh = pipe.writer();
        greenlets = Executors.newCachedThreadPool();
    }

    @AfterEach
    void teardown() {
        greenlets.shutdownNow();
        rh.close();
        wh.close();
    }

    private <T> Future<T> spawn(Callable<T> task) {
        return greenlets.submit(task);
    }

    // test_gipc.py TestComm.test_singlemsg_short_bin
    @Test
    void singlemsgShortBin() {
        String m = "OK";
        Future<Object> g = spawn(() -> await(rh.get()));
        await(wh.put(m));
        assertEquals(m, await(g));
    }

    // test_gipc.py TestComm.test_singlemsg_short_list
    @Test
    void singlemsgShortList() {
        List<Integer> m = new ArrayList<>(List.of(1));
        Future<Object> g = spawn(() -> await(rh.get()));
        await(wh.put(m));
        assertEquals(m, await(g));
    }

    // test_gipc.py TestComm.test_singlemsg_short_list_commontypes
    @Test
    void singlemsgShortListCommontypes() {
        List<Object> mlist = new ArrayList<>(Arrays.asList(1, true, false, null, new IllegalStateException("E")));
        Future<Object> g = spawn(() -> await(rh.get()));
        await(wh.put(mlist));
        List<?> tlist = assertInstanceOf(List.class, await(g));
        assertEquals(mlist.size(), tlist.size(), "every element arrives, the null included: " + tlist);
        for (int i = 0; i < 4; i++) {
            assertEquals(mlist.get(i), tlist.get(i), "element " + i);
        }
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, tlist.get(4));
        assertEquals("E", e.getMessage());
    }

    // test_gipc.py TestComm.test_singlemsg_long_bin
    @Test
    void singlemsgLongBin() {
        String m = "OK".repeat(LONG);
        Future<Object> g = spawn(() -> await(rh.get()));
        await(wh.put(m));
        assertEquals(m, await(g));
    }

    // test_gipc.py TestComm.test_singlemsg_long_list
    @Test
    void singlemsgLongList() {
        List<Integer> m = ones(LONG);
        Future<Object> g = spawn(() -> await(rh.get()));
        await(wh.put(m));
        assertEquals(m, await(g));
    }

    // test_gipc.py TestComm.test_singlemsg_between_greenlets
    @Test
    void singlemsgBetweenGreenlets() {
        List<Integer> m = ones(LONG);
        Future<Void> gw = spawn(() -> await(wh.put(m)));
        Future<Object> gr = spawn(() -> await(rh.get()));
        assertEquals(m, await(gr));
        await(gw);
    }

    // test_gipc.py TestComm.test_onewriter_two_readers
    @Test
    void onewriterTwoReaders() {
        List<Integer> m = ones(LONG);
        Future<Void> gw = spawn(() -> {
            await(wh.put(m));
            return await(wh.put(m));
        });
        Future<Object> gr1 = spawn(() -> await(rh.get()));
        Future<Object> gr2 = spawn(() -> await(rh.get()));
        assertEquals(m, await(gr1));
        assertEquals(m, await(gr2));
        await(gw);
    }

    // test_gipc.py TestComm.test_twowriters_one_reader
    @Test
    void twowritersOneReader() {
        List<Integer> m = ones(LONG);
        Future<Void> gw1 = spawn(() -> await(wh.put(m)));
        Future<Void> gw2 = spawn(() -> await(wh.put(m)));
        Future<List<Object>> gr = spawn(() -> List.of(await(rh.get()), await(rh.get())));
        assertEquals(List.of(m, m), await(gr));
        await(gw1);
        await(gw2);
    }

    // test_gipc.py TestComm.test_all_handles_length
    @Test
    void allHandlesLength() {
        List<GipcHandle> open = Gipc.openHandles();
        assertEquals(handlesBefore + 2, open.size(), "the pipe adds two handles: " + open);
        assertTrue(open.contains(rh) && open.contains(wh), "" + open);
    }
}
