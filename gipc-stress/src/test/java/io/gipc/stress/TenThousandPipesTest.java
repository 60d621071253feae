package io.gipc.stress;

import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.testkit.Await;
import io.gipc.testkit.OpenDescriptors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Ten thousand pipes opened, used and closed give every descriptor back: no descriptor is lost on the way, however
 * many pipes come and go. Linux only: descriptors are counted in {@code /proc/self/fd}.
 */
@EnabledOnOs(OS.LINUX)
class TenThousandPipesTest {
    static final int PIPES = 10_000;
    /**
     * Pipes open at the same time. A duplex pipe is one socket pair, two descriptors: two thousand stay under the
     * descriptor limits of ordinary machines (the JVM raises its soft limit to the hard one, rarely under 4,096).
     */
    static final int OPEN_AT_ONCE = 1_000;

    @Test
    void everyDescriptorComesBackAfterTenThousandPipes() {
        Map<Integer, String> before = OpenDescriptors.now();
        List<GipcHandle> handlesBefore = Gipc.openHandles();

        int checked = 0;
        for (int batch = 0; batch < PIPES / OPEN_AT_ONCE; batch++) {
            checked += openUseAndClose(OPEN_AT_ONCE, batch * OPEN_AT_ONCE);
        }

        assertEquals(PIPES, checked, "pipes through which a message went each way");
        assertEquals(handlesBefore, Gipc.openHandles(), "gipc still lists handles of closed pipes");
        // Handles close their descriptors on their event loop, a moment after close() returns.
        Await.until(
                () -> OpenDescriptors.added(before, OpenDescriptors.now()).isEmpty(),
                () -> "descriptors still open: " + OpenDescriptors.added(before, OpenDescriptors.now()));
    }

    /**
     * Opens {@code count} duplex pipes, all at once, sends one message each way through each and checks it, then
     * closes them all.
     *
     * @param first the number of the first pipe, so that every message of the run is different
     * @return through how many pipes a message went each way
     */
    private static int openUseAndClose(int count, int first) {
        Map<Integer, String> before = OpenDescriptors.now();
        int checked = 0;
        try (ClosingList<GipcDuplexPipe<String>> pipes = new ClosingList<>()) {
            for (int i = 0; i < count; i++) {
                pipes.add(Gipc.duplexPipe());
            }
            int added = OpenDescriptors.added(before, OpenDescriptors.now()).size();
            assertTrue(added >= 2 * count, count + " pipes open at once hold only " + added + " new descriptors");

            // Every put and get of the batch pending at once, then every one checked.
            List<GipcFuture<Void>> puts = new ArrayList<>(2 * count);
            List<GipcFuture<String>> forth = new ArrayList<>(count);
            List<GipcFuture<String>> back = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                GipcDuplexPipe<String> p = pipes.get(i);
                forth.add(p.second().get());
                back.add(p.first().get());
                puts.add(p.first().put("forth " + (first + i)));
                puts.add(p.second().put("back " + (first + i)));
            }
            puts.forEach(Await::await);
            for (int i = 0; i < count; i++) {
                assertEquals("forth " + (first + i), await(forth.get(i)));
                assertEquals("back " + (first + i), await(back.get(i)));
                checked++;
            }
        }
        return checked;
    }
}
