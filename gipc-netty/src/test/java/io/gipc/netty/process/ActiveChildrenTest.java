package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code Gipc.activeChildren()}: multiprocessing's {@code active_children()}. */
@EnabledOnOs(OS.LINUX)
class ActiveChildrenTest {
    /** Runs until its reader sees end of stream. */
    static void untilEof(GipcReader<Object> in) {
        try {
            in.get().join();
        } catch (RuntimeException endOfStream) {
            // the parent closed its end: time to go
        }
    }

    static void returns() {}

    @Test
    void runningChildrenAreListedOldestFirstUntilTheyAreReaped() throws Exception {
        assertEquals(List.of(), Gipc.activeChildren());
        try (GipcPipe<Object> a = Gipc.pipe();
                GipcPipe<Object> b = Gipc.pipe()) {
            GProcess first = start(
                    Gipc.process(ActiveChildrenTest::untilEof).args(a.reader()).name("first"));
            GProcess second = start(
                    Gipc.process(ActiveChildrenTest::untilEof).args(b.reader()).name("second"));
            assertEquals(List.of(first, second), Gipc.activeChildren());

            a.writer().close();
            assertEquals(0, exit(first));
            assertEquals(List.of(second), Gipc.activeChildren());
            b.writer().close();
            assertEquals(0, exit(second));
        }
        assertEquals(List.of(), Gipc.activeChildren());
    }

    @Test
    void aChildThatEndsUnjoinedLeavesTheListWhenReaped() throws Exception {
        GProcess p = start(Gipc.process(ActiveChildrenTest::returns));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (Gipc.activeChildren().contains(p)) {
            assertTrue(System.nanoTime() < deadline, "still listed: " + p);
            Thread.sleep(20);
        }
        assertFalse(p.isAlive());
    }
}
