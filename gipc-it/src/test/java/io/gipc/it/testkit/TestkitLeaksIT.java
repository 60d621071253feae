package io.gipc.it.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.testkit.GipcTestExtension;
import io.gipc.testkit.RawPeer;
import io.gipc.testkit.Sample;
import io.gipc.testkit.SampleRun;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The test kit's leak check against gipc-netty: handles, gipc children and raw peers left behind. */
@EnabledOnOs(OS.LINUX)
class TestkitLeaksIT {
    static volatile GipcPipe<String> leakedPipe;
    static volatile GipcFuture<String> pendingGet;
    static volatile GProcess leakedChild;
    static volatile RawPeer<GipcReader<byte[]>> leakedPeer;

    private static void assertFinds(String regex, String text) {
        assertTrue(Pattern.compile(regex, Pattern.DOTALL).matcher(text).find(), "no /" + regex + "/ in:\n" + text);
    }

    @Test
    void aPipeLeftOpenFailsTheTestNamingBothHandlesWhichAreClosedAfterwards() {
        String m = SampleRun.of(LeavesAPipe.class).failureOf("opensAPipe").getMessage();
        assertFinds(
                "^LeavesAPipe\\.opensAPipe\\(\\) leaked:\n  - left 2 gipc handles open \\(closed now\\): "
                        + "GipcReader#\\d+ \\(fd \\d+\\) \\[open\\], GipcWriter#\\d+ \\(fd \\d+\\) \\[open\\]$",
                m);
        assertTrue(leakedPipe.reader().isClosed() && leakedPipe.writer().isClosed());
        assertEquals(List.of(), Gipc.openHandles());
    }

    @Test
    void aHandleWithAPendingGetIsNamedWithItAndClosedOnceItsPeerClosed() throws Exception {
        String m = SampleRun.of(LeavesAGetPending.class)
                .failureOf("getsWithoutAnAnswer")
                .getMessage();
        assertFinds(
                "left 2 gipc handles open \\(closed now\\): GipcReader#\\d+ \\(fd \\d+\\) \\[locked: 1 get\\(\\)"
                        + " pending for \\d+\\.\\d s\\], GipcWriter#\\d+ \\(fd \\d+\\) \\[open\\]",
                m);
        ExecutionException e = assertThrows(ExecutionException.class, () -> pendingGet.get(10, TimeUnit.SECONDS));
        assertInstanceOf(GipcEofException.class, e.getCause(), "the writer was closed first: end of stream");
        assertEquals(List.of(), Gipc.openHandles());
    }

    @Test
    void aReaderLeftHoldingTheDescriptorsOfAMessageIsNamedAndTheyCloseWithIt() throws Exception {
        String m = SampleRun.of(LeavesAMessageWithHandles.class)
                .failureOf("receivesButNeverGets")
                .getMessage();
        // The writer hung up: the reader drained the message, its descriptors with it (a pipe's two ends).
        assertFinds(
                "left 1 gipc handle open \\(closed now\\): GipcReader#\\d+ \\(fd \\d+\\) \\[open, holding 2"
                        + " received descriptors of a message not yet read\\]$",
                m);
        assertEquals(List.of(), Gipc.openHandles());
    }

    @Test
    void aGipcChildLeftRunningIsNamedAndKilled() throws Exception {
        String m = SampleRun.of(LeavesAChild.class, GipcTestExtension.SETTLE_PARAMETER, "500 ms")
                .failureOf("startsAChild")
                .getMessage();
        assertFinds(
                "left 1 child process running \\(killed now\\): GProcess\\[sleeper, pid " + leakedChild.pid()
                        + ", running\\]",
                m);
        assertEquals(-9, leakedChild.join().get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), Gipc.activeChildren());
    }

    @Test
    void aRawPeerLeftOpenIsNamedAndClosed() {
        String m = SampleRun.of(LeavesARawPeer.class).failureOf("opensARawPeer").getMessage();
        assertFinds("left 1 raw peer open \\(closed now\\): RawPeer\\[the raw peer of GipcReader#\\d+", m);
        assertFinds("left 1 gipc handle open \\(closed now\\): GipcReader#\\d+", m);
        assertTrue(leakedPeer.isClosed());
        assertTrue(leakedPeer.handle().isClosed());
    }

    @Test
    void aTestThatClosesEverythingPasses() {
        SampleRun run = SampleRun.of(ClosesEverything.class);
        assertEquals(1, run.tests().size());
        assertNull(run.tests().get("usesAndCloses"));
    }

    @Test
    void aHandleOpenedInBeforeAllAndClosedInAfterAllIsNoLeakOfTheTests() {
        SampleRun run = SampleRun.of(SharesAPipe.class);
        assertEquals(2, run.tests().size());
        run.tests().values().forEach(t -> assertNull(t, "the pipe was open before each test: " + t));
        assertNull(run.classFailure(SharesAPipe.class));
    }

    /** Sleeps until killed. */
    static void sleepLong() throws InterruptedException {
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    @Sample
    static class LeavesAPipe {
        @Test
        void opensAPipe() {
            leakedPipe = Gipc.pipe();
        }
    }

    @Sample
    static class LeavesAMessageWithHandles {
        @Test
        void receivesButNeverGets() throws Exception {
            GipcPipe<Object> carrier = Gipc.pipe();
            GipcPipe<String> inner = Gipc.pipe();
            carrier.writer()
                    .put(new java.util.ArrayList<>(List.of(inner.reader(), inner.writer())))
                    .join();
            carrier.writer().close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!carrier.reader().toString().contains("holding") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    @Sample
    static class LeavesAGetPending {
        @Test
        void getsWithoutAnAnswer() {
            GipcPipe<String> pipe = Gipc.pipe();
            pendingGet = pipe.reader().get();
        }
    }

    @Sample
    static class LeavesAChild {
        @Test
        void startsAChild() {
            leakedChild =
                    Gipc.process(TestkitLeaksIT::sleepLong).name("sleeper").start();
        }
    }

    @Sample
    static class LeavesARawPeer {
        @Test
        void opensARawPeer() {
            leakedPeer = RawPeer.rawReader();
        }
    }

    @Sample
    static class ClosesEverything {
        @Test
        void usesAndCloses() throws Exception {
            try (GipcPipe<String> pipe = Gipc.pipe();
                    RawPeer<GipcReader<byte[]>> peer = RawPeer.rawReader()) {
                pipe.writer().put("x").get();
                assertEquals("x", pipe.reader().get().get());
                GipcHandle h = peer.handle();
                assertFalse(h.isClosed());
            }
            GProcess child = Gipc.startProcess(TestkitLeaksIT::quick);
            assertEquals(0, child.join().get(60, TimeUnit.SECONDS));
        }
    }

    static void quick() {}

    @Sample
    static class SharesAPipe {
        static GipcPipe<String> shared;

        @org.junit.jupiter.api.BeforeAll
        static void open() {
            shared = Gipc.pipe();
        }

        @Test
        void one() throws Exception {
            shared.writer().put("1").get();
            assertEquals("1", shared.reader().get().get());
        }

        @Test
        void two() throws Exception {
            shared.writer().put("2").get();
            assertEquals("2", shared.reader().get().get());
        }

        @org.junit.jupiter.api.AfterAll
        static void close() {
            shared.close();
        }
    }
}
