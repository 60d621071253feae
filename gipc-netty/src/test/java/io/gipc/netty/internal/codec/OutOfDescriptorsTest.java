package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.netty.config.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * Out of descriptors at the codec's first use: that use may fail, with a GipcException, but it leaves nothing
 * broken behind (the codec once read the time-zone database while setting up, and a failure there made every later
 * use throw NoClassDefFoundError for the JVM's lifetime); startProcess never throws a raw Error from it.
 */
class OutOfDescriptorsTest {
    @Test
    void theCodecWorksOnceDescriptorsAreBack() throws Exception {
        String out = ForkedJvm.run(OutOfDescriptorsMain.class);
        assertTrue(out.contains("holding "), out);
        assertFalse(out.contains("RAW"), out);
        assertTrue(out.contains("startProcess: GipcException"), out);
        assertTrue(out.contains("after: the codec works"), out);
    }
}
