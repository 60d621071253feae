package io.gipc.examples.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gipc_benchmark.py in Java, with runs of 20 ms instead of a second: N doubles, every message arrives. */
class BenchmarkTest {
    @Test
    void bothMessageSizesRunToTheEnd() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<Benchmark.Result> results =
                Benchmark.run(0.02, 2, new PrintStream(captured, true, StandardCharsets.UTF_8));
        String out = captured.toString(StandardCharsets.UTF_8);

        assertEquals(2, results.size(), out);
        assertEquals(64_000, results.get(0).messageLength());
        assertEquals(1, results.get(1).messageLength());
        for (Benchmark.Result r : results) {
            assertEquals(Long.highestOneBit(r.n()), r.n(), "N is a power of two: " + r.n());
            assertTrue(r.n() >= 2, out);
            assertEquals(2, r.seconds().length);
        }
        assertTrue(out.contains("Throughput benchmark"), out);
        assertTrue(out.contains("Transmission benchmark"), out);
        assertTrue(out.matches("(?s).* Payload transfer rate: [0-9.]+\\+/-[0-9.]+ MB/s.*"), out);
    }

    @Test
    void theMeanAndItsErrorAreTheOriginals() {
        Benchmark.Result r = new Benchmark.Result(1, 8, new double[] {1.0, 2.0, 3.0});
        assertEquals(2.0, r.mean(), 1e-12);
        // numpy.std([1, 2, 3]) = sqrt(2/3); divided by sqrt(3 - 1)
        assertEquals(Math.sqrt(2.0 / 3) / Math.sqrt(2), r.error(), 1e-12);
    }
}
