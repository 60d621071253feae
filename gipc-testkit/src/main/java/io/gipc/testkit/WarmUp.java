package io.gipc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.channels.Pipe;

/**
 * Makes the descriptors that live as long as the JVM exist before the first baseline, so that the first test
 * to use them is not blamed: gipc's event loop; the JDK's socket machinery (from JDK 21, the poller of virtual
 * threads opens its descriptors on first use of a socket); and the JDK's file and pipe channels (their
 * dispatcher keeps a socket, used to close descriptors safely, from its first use on).
 */
final class WarmUp {
    private static volatile boolean done;

    private WarmUp() {}

    /** Runs once per JVM; later calls return at once. */
    static void once() {
        if (done) {
            return;
        }
        synchronized (WarmUp.class) {
            if (done) {
                return;
            }
            GipcAccess.startEventLoop();
            try {
                new Socket().close();
                Pipe pipe = Pipe.open();
                pipe.sink().close();
                pipe.source().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProcessHandle.current().children().count();
            done = true;
        }
    }
}
