package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.assertFails;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 7: {@code put()} when no reader is left fails its future with {@code GipcBrokenPipeException};
 * the writer can still be closed.
 */
@Timeout(60)
class BrokenPipeTest {

    @Test
    void putWithNoReaderLeftFailsItsFutureWithBrokenPipe() {
        GipcPipe<String> pipe = Gipc.pipe();
        pipe.reader().close();
        GipcWriter<String> writer = pipe.writer();
        GipcFuture<Void> put = writer.put("nobody listens"); // fails through the future, not from the call
        assertSaysWhy(assertFails(GipcBrokenPipeException.class, put));
        assertTrue(assertSaysWhy(assertFails(GipcBrokenPipeException.class, writer.put("nor now")))
                .endsWith(": an earlier put() found no reader, and writing has stopped"));
        assertFalse(writer.isLocked());
        assertFalse(writer.isClosed());
        writer.close();
        assertTrue(writer.isClosed());
    }

    @Test
    void aPendingPutFailsWithBrokenPipeWhenTheReaderCloses() {
        GipcPipe<byte[]> pipe = Gipc.rawPipe();
        GipcFuture<Void> put = pipe.writer().put(message(1, 10 * MIB));
        assertFalse(put.isDone(), "10 MiB do not fit into the socket buffers");
        pipe.reader().close();
        assertFails(GipcBrokenPipeException.class, put);
        assertFalse(pipe.writer().isLocked());
        pipe.writer().close();
    }

    @Test
    void aDuplexPutFailsWithBrokenPipeWhenTheOtherEndIsClosed() {
        GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe();
        pipe.second().close();
        assertSaysWhy(assertFails(GipcBrokenPipeException.class, pipe.first().put(new byte[] {1, 2, 3})));
        assertTrue(assertSaysWhy(
                        assertFails(GipcBrokenPipeException.class, pipe.first().put(message(2, 3 * MIB))))
                .endsWith(": an earlier put() found no reader, and writing has stopped"));
        pipe.first().close();
    }

    /** The message names the handle and what the OS said, never "null"; returns it. */
    private static String assertSaysWhy(GipcBrokenPipeException e) {
        String m = e.getMessage();
        assertTrue(
                m.matches("no reader is left on the other end of Gipc(Writer|Duplex)#\\d+ \\(fd \\d+\\): .+")
                        && !m.endsWith(": null"),
                m);
        return m;
    }
}
