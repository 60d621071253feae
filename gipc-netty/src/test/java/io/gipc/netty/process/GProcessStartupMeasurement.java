package io.gipc.netty.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gipc.Gipc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the median time of {@code startProcess} + {@code join} of a trivial target; a measurement, not a
 * test, so it runs only when asked: {@code -Dgipc.measureStartup=true -Dtest=GProcessStartupMeasurement}.
 */
@EnabledIfSystemProperty(named = "gipc.measureStartup", matches = "true")
class GProcessStartupMeasurement {
    static void trivial() {}

    @Test
    void startAndJoin() throws Exception {
        assertEquals(
                0, Gipc.startProcess(GProcessStartupMeasurement::trivial).join().get(90, TimeUnit.SECONDS));
        for (String[] options : new String[][] {{}, Children.LIGHT}) {
            List<Long> ms = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                long t0 = System.nanoTime();
                int code = Gipc.process(GProcessStartupMeasurement::trivial)
                        .jvmOptions(options)
                        .start()
                        .join()
                        .get(90, TimeUnit.SECONDS);
                ms.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                assertEquals(0, code);
            }
            List<Long> sorted = new ArrayList<>(ms);
            Collections.sort(sorted);
            System.out.println(
                    "startProcess+join, options " + List.of(options) + ": median " + sorted.get(4) + " ms of " + ms);
        }
    }
}
