package io.gipc.examples.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.testkit.ChildProcesses;
import io.gipc.testkit.ChildResult;
import org.junit.jupiter.api.Test;

/**
 * serverclient.py in Java, as its command runs it: the example's main runs in a child of the test, so that its
 * output, and its own child's, can be read.
 */
class ServerClientTest {
    @Test
    void aThousandClientsInAChildGetTheirEcho() {
        ChildResult r = ChildProcesses.run(ServerClient::main, new String[] {"--clients=1000"});

        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().matches("(?s).*\\R1000 clients served within \\d+\\.\\d\\d s\\.\\R.*"), r.stdout());
        assertTrue(r.stdout().contains("the client process exited with 0; the server echoed 1000 lines"), r.stdout());
    }
}
