package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcClosedException;
import io.gipc.GipcCodecException;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestIPC}: handle transfer and messages between processes over
 * simplex pipes. As in the seed, every test gets two pipes and closes, itself, the handles it still holds; the
 * leak check after each test fails it if one is left open. A child's {@code assert} is a JUnit assertion in the
 * target: a child whose assertion fails exits 1.
 *
 * <p>Where the JVM differs, the same idea is tested instead:
 * <ul>
 *   <li>{@code test_handler_in_nonregistered_process}: the seed hands a handle to a {@code multiprocessing} child,
 *       which inherits it by fork without gipc knowing, and checks that gipc refuses it there. A JVM has no fork: the
 *       only way a handle reaches a process that {@code startProcess} did not give it to is inside a message, and
 *       there it travels live with its descriptor (a raw pipe refuses it with {@link GipcCodecException}).</li>
 *   <li>{@code test_early_readchild_exit} and {@code ..._write_from_child}: the seed looks for "Broken pipe" in an
 *       {@code OSError}; here the failure is a {@link GipcBrokenPipeException}. Each loop of puts is bounded by
 *       {@link Children#TIMEOUT_S}, against a hang only. The seed does not join the reading child of the first; here
 *       it is joined.</li>
 * </ul>
 */
@EnabledOnOs(OS.LINUX)
class IpcTest {
    /** The seed's {@code LONG}. */
    static final int LONG = 999_999;

    private int handlesBefore;
    private GipcReader<Object> rh;
    private GipcWriter<Object> wh;
    private GipcReader<Object> rh2;
    private GipcWriter<Object> wh2;

    @BeforeEach
    void setup() {
        handlesBefore = Gipc.openHandles().size();
        GipcPipe<Object> p1 = Gipc.pipe();
        GipcPipe<Object> p2 = Gipc.pipe();
        rh = p1.reader();
        wh = p1.writer();
        rh2 = p2.reader();
        wh2 = p2.writer();
    }

    /** {@code [1] * n}. */
    static List<Integer> ones(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(1);
        }
        return l;
    }

    static void ipcReadonceThenExit(GipcReader<Object> r) throws Exception {
        await(r.get());
    }

    static void ipcEndlessWriteForEarlyReaderExit(GipcWriter<Object> w) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> endlessWrite(w));
        assertInstanceOf(GipcBrokenPipeException.class, e.getCause());
    }

    /** {@code while True: w.put(0)}, until a put fails; bounded by {@link Children#TIMEOUT_S} against a hang. */
    static void endlessWrite(GipcWriter<Object> w) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        for (long n = 0; ; n++) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no put failed in " + TIMEOUT_S + " s, " + n + " puts");
            }
            w.put(0).get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    static void ipcHandlecounter1(GipcReader<Object> r1, GipcReader<Object> r2) {
        List<GipcHandle> handles = Gipc.openHandles();
        assertEquals(2, handles.size(), "" + handles);
        assertTrue(handles.contains(r1) && handles.contains(r2), "" + handles);
    }

    static void ipcReadchild(GipcReader<Object> r, Object m) throws Exception {
        assertEquals(m, await(r.get()));
    }

    static void ipcWritechild(GipcWriter<Object> w, Object m) throws Exception {
        await(w.put(m));
    }

    static void ipcChildBoringReader(GipcReader<Object> r) {}

    static void ipcChildB(GipcReader<Object> r1, GipcReader<Object> r2, String m1, String m2) throws Exception {
        assertEquals(m1, await(r1.get()));
        assertEquals(m2, await(r2.get()));
    }

    static void ipcChildC(GipcReader<Object> r1, GipcReader<Object> r2, String m1, String m2) throws Exception {
        assertEquals(m1, await(r1.get()));
        // Messages between threads (the seed's greenlets) in the child.
        GipcPipe<Object> local = Gipc.pipe();
        List<Integer> testmsg = ones(LONG);
        ExecutorService greenlets = Executors.newCachedThreadPool();
        try {
            Future<Void> gw = greenlets.submit(() -> await(local.writer().put(testmsg)));
            Future<Object> gr = greenlets.submit(() -> await(local.reader().get()));
            assertEquals(testmsg, await(gr));
            await(gw);
        } finally {
            greenlets.shutdownNow();
        }
        local.reader().close();
        local.writer().close();
        // The second message from the parent.
        assertEquals(m2, await(r2.get()));
    }

    static void ipcChildF(GipcWriter<Object> w, String m) throws Exception {
        assertEquals(1, Gipc.openHandles().size(), "" + Gipc.openHandles());
        GProcess i = Children.start(Gipc.process(IpcTest::ipcChildF2).args(w, m));
        assertEquals(0, exit(i));
        assertThrows(GipcClosedException.class, w::close);
    }

    static void ipcChildF2(GipcWriter<Object> w, String m) throws Exception {
        GProcess ii = Children.start(Gipc.process(IpcTest::ipcChildF3).args(w, m));
        assertEquals(0, exit(ii));
    }

    static void ipcChildF3(GipcWriter<Object> w, String m) throws Exception {
        await(w.put(m));
        w.close();
    }

    // test_gipc.py TestIPC.test_handlecount
    @Test
    void handlecount() throws Exception {
        GProcess p = start(Gipc.process(IpcTest::ipcHandlecounter1).args(rh, rh2));
        assertEquals(0, exit(p));
        // After passing two handles to the child, only 2 are left open.
        List<GipcHandle> open = Gipc.openHandles();
        assertEquals(handlesBefore + 2, open.size(), "" + open);
        assertTrue(open.contains(wh) && open.contains(wh2), "" + open);
        wh.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_singlemsg_long_list
    @Test
    void singlemsgLongList() throws Exception {
        List<Integer> m = ones(LONG);
        GProcess p = start(Gipc.process(IpcTest::ipcReadchild).args(rh, m));
        await(wh.put(m));
        assertEquals(0, exit(p));
        assertThrows(GipcClosedException.class, rh::close);
        rh2.close();
        wh.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_twochannels_singlemsg
    @Test
    void twochannelsSinglemsg() throws Exception {
        String m1 = "OK";
        String m2 = "FOO";
        GProcess p = start(Gipc.process(IpcTest::ipcChildB).args(rh, rh2, m1, m2));
        await(wh.put(m1));
        await(wh2.put(m2));
        assertEquals(0, exit(p));
        wh.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_childparentcomm_withinchildcomm
    @Test
    void childparentcommWithinchildcomm() throws Exception {
        String m1 = "OK";
        String m2 = "FOO";
        GProcess p = start(Gipc.process(IpcTest::ipcChildC).args(rh, rh2, m1, m2));
        await(wh.put(m1));
        await(wh2.put(m2));
        assertEquals(0, exit(p));
        wh.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_childchildcomm
    @Test
    void childchildcomm() throws Exception {
        Map<Object, Object> m = new HashMap<>();
        m.put(List.of("KLADUSCH"), "foo"); // {("KLADUSCH",): "foo"}
        GProcess pr = start(Gipc.process(IpcTest::ipcReadchild).args(rh, m));
        GProcess pw = start(Gipc.process(IpcTest::ipcWritechild).args(wh, m));
        exit(pr);
        exit(pw);
        assertEquals(0, pr.exitCode());
        assertEquals(0, pw.exitCode());
        rh2.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_handler_after_transfer_to_child
    @Test
    void handlerAfterTransferToChild() throws Exception {
        GProcess p = start(Gipc.process(IpcTest::ipcChildBoringReader).args(rh));
        assertThrows(GipcClosedException.class, rh::close);
        assertEquals(0, exit(p));
        rh2.close();
        wh.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_handler_in_nonregistered_process
    @Test
    void handlerInNonregisteredProcess() throws Exception {
        // The seed checks that a handle reaching a process gipc did not give it to is refused. Here a handle reaches
        // another process only with its descriptor: inside a message, it travels live, and the sender's copy closes.
        await(wh2.put(new ArrayList<>(List.of("the reader:", rh))));
        assertTrue(rh.isClosed());
        assertFalse(Gipc.openHandles().contains(rh));
        List<?> got = (List<?>) await(rh2.get());
        assertEquals("the reader:", got.get(0));
        @SuppressWarnings("unchecked")
        GipcReader<Object> received = (GipcReader<Object>) got.get(1);
        await(wh.put("still here"));
        assertEquals("still here", await(received.get()));
        // A raw pipe has no codec to carry it: refused, nothing written, the handle stays usable.
        try (GipcPipe<byte[]> raw = Gipc.rawPipe()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            GipcWriter<Object> untyped = (GipcWriter) raw.writer();
            ExecutionException e = assertThrows(
                    ExecutionException.class, () -> untyped.put(received).get(TIMEOUT_S, TimeUnit.SECONDS));
            assertInstanceOf(GipcCodecException.class, e.getCause());
        }
        assertFalse(received.isClosed());
        received.close();
        rh2.close();
        wh.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_child_in_child_in_child_comm
    @Test
    void childInChildInChildComm() throws Exception {
        String m = "RATZEPENG";
        GProcess p = start(Gipc.process(IpcTest::ipcChildF).args(wh, m));
        exit(p);
        assertEquals(m, await(rh.get()));
        assertEquals(0, p.exitCode());
        rh.close();
        rh2.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_early_readchild_exit
    @Test
    void earlyReadchildExit() throws Exception {
        GProcess p = start(Gipc.process(IpcTest::ipcReadonceThenExit).args(rh));
        // The reading child reads the first message and exits, which closes the read end: a later put fails with
        // a broken pipe, in this process, which goes on (no SIGPIPE ends it).
        ExecutionException e = assertThrows(ExecutionException.class, () -> endlessWrite(wh));
        assertInstanceOf(GipcBrokenPipeException.class, e.getCause());
        assertEquals(0, exit(p));
        wh.close();
        rh2.close();
        wh2.close();
    }

    // test_gipc.py TestIPC.test_early_readchild_exit_write_from_child
    @Test
    void earlyReadchildExitWriteFromChild() throws Exception {
        GProcess pr = start(Gipc.process(IpcTest::ipcReadonceThenExit).args(rh));
        GProcess pw =
                start(Gipc.process(IpcTest::ipcEndlessWriteForEarlyReaderExit).args(wh));
        // The same when the writer is a child itself: it must see the broken pipe as an exception, not die of
        // SIGPIPE.
        exit(pr);
        exit(pw);
        assertEquals(0, pr.exitCode());
        assertEquals(0, pw.exitCode());
        rh2.close();
        wh2.close();
    }
}
