package io.gipc.netty.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import org.junit.jupiter.api.Test;

/**
 * Every test of this module runs under the gipc test kit's extension (auto-detected through
 * junit-platform.properties): its hang guard runs each test on a thread of its own, and its leak check fails a
 * test that leaves handles, children or descriptors behind.
 */
class UnderTheTestKitTest {
    @Test
    void thisTestRunsUnderTheTestKitsHangGuard() {
        String thread = Thread.currentThread().getName();
        assertTrue(
                thread.startsWith("gipc-test-") && thread.endsWith("thisTestRunsUnderTheTestKitsHangGuard()"), thread);
        assertTrue(Gipc.openHandles().isEmpty(), "no test before this one left a handle: " + Gipc.openHandles());
    }
}
