package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestSignals}: signal handling in children.
 *
 * <p>Where the JVM differs, the same idea is tested instead:
 * <ul>
 *   <li>{@code test_orphaned_signal_watcher}: the seed installs a gevent (libev) SIGTERM watcher in the parent, one
 *       that would make the child exit 20 were it still active there after fork, and checks that a SIGTERM sent to
 *       the child kills it (-15). A JVM child is a new program (spawn, then exec): handlers never cross, but an
 *       <em>ignored</em> disposition does, and a JVM does not install its own SIGTERM handler where SIGTERM is
 *       ignored. So the parent ignores SIGTERM while it starts the child (and until the test ends), and the child,
 *       sent SIGTERM from outside gipc ({@link ProcessHandle#destroy()}, the seed's {@code os.kill}), must die of it.
 *       The child sleeps far longer than the seed's 0.01 s, so that a slow machine cannot let it end by itself.</li>
 *   <li>{@code test_signal_handlers_default}: the seed checks every signal but SIGSTOP, SIGKILL and SIGPIPE. A JVM
 *       catches SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGQUIT and others for itself; what gipc resets in a child
 *       (docs/api.md, Processes 5) is SIGTERM, SIGINT and SIGHUP, so the child checks those, in the kernel's view
 *       of its dispositions ({@code /proc/self/status}: neither caught nor ignored). The same reading in this JVM, a
 *       stock one, must show them caught (or ignored), which shows that the reading can tell.</li>
 * </ul>
 */
@EnabledOnOs(OS.LINUX)
class SignalsTest {
    /** The signals gipc gives their default action in a child, by number. */
    static final Map<String, Integer> SIGNALS_TO_RESET = new LinkedHashMap<>();

    static {
        SIGNALS_TO_RESET.put("HUP", 1);
        SIGNALS_TO_RESET.put("INT", 2);
        SIGNALS_TO_RESET.put("TERM", 15);
    }

    /** A mask of {@code /proc/self/status} ({@code SigIgn}, {@code SigCgt}, ...): bit N-1 for signal N. */
    static long mask(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseUnsignedLong(line.substring(field.length() + 1).trim(), 16);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }

    static boolean has(long mask, int signal) {
        return (mask & (1L << (signal - 1))) != 0;
    }

    static void signalsTestChildDefaulthandlers() throws IOException {
        long ignored = mask("SigIgn");
        long caught = mask("SigCgt");
        for (Map.Entry<String, Integer> s : SIGNALS_TO_RESET.entrySet()) {
            String masks = String.format("SigIgn %016x, SigCgt %016x", ignored, caught);
            assertTrue(
                    !has(ignored, s.getValue()) && !has(caught, s.getValue()),
                    "SIG" + s.getKey() + " has its default action in the child: " + masks);
        }
    }

    static void signalsTestChildA(GipcWriter<Object> w) throws Exception {
        await(w.put(ProcessHandle.current().pid()));
        w.close();
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 2));
    }

    // test_gipc.py TestSignals.test_orphaned_signal_watcher
    @Test
    void orphanedSignalWatcher() throws Exception {
        Signal term = new Signal("TERM");
        SignalHandler previous = Signal.handle(term, SignalHandler.SIG_IGN);
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            assertTrue(has(mask("SigIgn"), 15), "this JVM ignores SIGTERM now");
            GProcess p = start(Gipc.process(SignalsTest::signalsTestChildA).args(pipe.writer()));
            assertEquals(p.pid(), ((Number) await(pipe.reader().get())).longValue());
            ProcessHandle.of(p.pid()).orElseThrow().destroy();
            exit(p);
            assertEquals(-15, p.exitCode());
        } finally {
            Signal.handle(term, previous);
        }
    }

    // test_gipc.py TestSignals.test_signal_handlers_default
    @Test
    void signalHandlersDefault() throws Exception {
        // The reading can tell: in this JVM each of them is caught (or ignored, as a background job's SIGINT is).
        long handled = mask("SigCgt") | mask("SigIgn");
        for (int signal : SIGNALS_TO_RESET.values()) {
            assertTrue(has(handled, signal), "this JVM catches or ignores signal " + signal);
        }
        GProcess p = start(Gipc.process(SignalsTest::signalsTestChildDefaulthandlers));
        exit(p);
        // The child exits normally when the dispositions are the default ones.
        assertEquals(0, p.exitCode());
    }
}
