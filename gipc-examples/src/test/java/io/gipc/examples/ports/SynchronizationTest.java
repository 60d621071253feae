package io.gipc.examples.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** synchronization.py in Java: SYN/ACK, then the child's clock reading, taken between the parent's. */
class SynchronizationTest {
    @Test
    void parentAndChildSynchronise() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Synchronization.Result r = Synchronization.run(new PrintStream(captured, true, StandardCharsets.UTF_8));

        assertEquals(0, r.exitCode());
        // One clock, so the child's reading lies between the parent's SYN and the arrival of that reading.
        assertFalse(r.childTime().isBefore(r.beforeSyn()), r.toString());
        assertFalse(r.childTime().isAfter(r.afterReceipt()), r.toString());
        assertTrue(
                captured.toString(StandardCharsets.UTF_8).matches("Time delta: \\d+\\.\\d{8} s\\.\\R"),
                captured.toString(StandardCharsets.UTF_8));
    }
}
