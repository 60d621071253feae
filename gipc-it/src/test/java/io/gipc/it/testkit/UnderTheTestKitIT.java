package io.gipc.it.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every test of this module runs under the gipc test kit's extension (auto-detected). */
class UnderTheTestKitIT {
    @Test
    void thisTestRunsUnderTheTestKitsHangGuard() {
        String thread = Thread.currentThread().getName();
        assertTrue(thread.startsWith("gipc-test-"), thread);
    }
}
