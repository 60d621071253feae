package io.gipc.examples.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.testkit.ChildProcesses;
import io.gipc.testkit.ChildResult;
import org.junit.jupiter.api.Test;

/**
 * wsgimultiprocessing.py in Java: each response comes from a child of its own. The example's main runs in a child
 * of the test, so that its output, and its children's, can be read.
 */
class HttpChildPerRequestTest {
    @Test
    void theCommandPrintsTheOriginalsLine() {
        ChildResult r = ChildProcesses.run(HttpChildPerRequest::main, new String[] {"--clients=2"});

        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().matches("(?s).*\\R2 clients were served within \\d+\\.\\d\\d s\\.\\R.*"), r.stdout());
        assertTrue(
                r.stdout().contains("the client process exited with 0; 2 response children exited with [0, 0]"),
                r.stdout());
    }
}
