package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.assertDoesNotName;
import static io.gipc.netty.pipes.PipeTestSupport.assertNames;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcLockedException;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 5: {@code close()} while a {@code get()} or {@code put()} is pending on that handle throws
 * {@code GipcLockedException} and the handle stays open. {@code GipcPipe.close()} and {@code GipcDuplexPipe.close()}
 * look at every handle once, at the moment they are called: they close (writers first, then readers) each one that
 * is open and has nothing pending, skip what is already closed, and then throw a {@code GipcLockedException} naming
 * those that had an operation pending. The outcome never depends on the event loop's timing.
 */
@Timeout(60)
class CloseWhilePendingTest {

    @Test
    void closingAReaderWithAPendingGetThrowsAndTheReaderStaysUsable() {
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            GipcReader<String> reader = pipe.reader();
            GipcFuture<String> get = reader.get();
            assertThrows(GipcLockedException.class, reader::close);
            assertFalse(reader.isClosed());
            assertFalse(get.isDone(), "the failed close() leaves the pending get() alone");
            await(pipe.writer().put("still served"));
            assertEquals("still served", await(get));
        }
    }

    @Test
    void closingAWriterWithAPendingPutThrowsAndTheWriterStaysUsable() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcWriter<byte[]> writer = pipe.writer();
            byte[] big = message(1, 10 * MIB);
            GipcFuture<Void> put = writer.put(big);
            assertFalse(put.isDone(), "10 MiB do not fit into the socket buffers");
            assertThrows(GipcLockedException.class, writer::close);
            assertFalse(writer.isClosed());
            assertArrayEquals(big, await(pipe.reader().get()), "the message was not torn by the close()");
            await(put);
            byte[] after = message(2, 10);
            await(writer.put(after));
            assertArrayEquals(after, await(pipe.reader().get()));
        }
    }

    @Test
    void closingADuplexEndWithAPendingGetOrPutThrows() {
        try (GipcDuplexPipe<byte[]> pipe = Gipc.rawDuplexPipe()) {
            GipcFuture<byte[]> get = pipe.first().get();
            assertThrows(GipcLockedException.class, () -> pipe.first().close());
            assertFalse(pipe.first().isClosed());
            byte[] big = message(3, 10 * MIB);
            GipcFuture<Void> put = pipe.second().put(big);
            // the first end has a get() pending, so it reads and this put completes
            assertArrayEquals(big, await(get));
            await(put);
            GipcFuture<Void> put2 = pipe.second().put(message(4, 10 * MIB));
            assertFalse(put2.isDone(), "10 MiB do not fit into the socket buffers");
            assertThrows(GipcLockedException.class, () -> pipe.second().close());
            assertFalse(pipe.second().isClosed());
            assertArrayEquals(message(4, 10 * MIB), await(pipe.first().get()));
            await(put2);
        }
    }

    @Test
    void pipeCloseWithAPendingGetClosesTheWriterAndNamesTheReader() {
        GipcPipe<String> pipe = Gipc.pipe();
        GipcReader<String> reader = pipe.reader();
        GipcFuture<String> get = reader.get();
        GipcLockedException e = assertThrows(GipcLockedException.class, pipe::close);
        assertTrue(pipe.writer().isClosed(), "the writer had nothing pending: closed");
        assertFalse(reader.isClosed(), "the reader had a get() pending: left open");
        assertNames(reader, e);
        assertDoesNotName(pipe.writer(), e);
        // the writer is gone: the pending get() sees the end of the stream
        assertFails(GipcEofException.class, get);
        reader.close();
    }

    @Test
    void pipeCloseWithAPendingPutClosesTheReaderAndNamesTheWriter() {
        GipcPipe<byte[]> pipe = Gipc.rawPipe();
        GipcWriter<byte[]> writer = pipe.writer();
        GipcFuture<Void> put = writer.put(message(5, 10 * MIB));
        assertFalse(put.isDone(), "10 MiB do not fit into the socket buffers");
        GipcLockedException e = assertThrows(GipcLockedException.class, pipe::close);
        assertTrue(pipe.reader().isClosed(), "the reader had nothing pending: closed");
        assertFalse(writer.isClosed(), "the writer had a put() pending: left open");
        assertNames(writer, e);
        assertDoesNotName(pipe.reader(), e);
        // the reader is gone: the rest of the message cannot be written
        assertFails(GipcBrokenPipeException.class, put);
        writer.close();
    }

    @Test
    void pipeCloseWithBothEndsPendingNamesBoth() {
        GipcDuplexPipe<String> pipe = Gipc.duplexPipe();
        GipcFuture<String> get1 = pipe.first().get();
        GipcFuture<String> get2 = pipe.second().get();
        GipcLockedException e = assertThrows(GipcLockedException.class, pipe::close);
        assertFalse(pipe.first().isClosed());
        assertFalse(pipe.second().isClosed());
        assertNames(pipe.first(), e);
        assertNames(pipe.second(), e);
        assertTrue(get1.cancel(false));
        assertTrue(get2.cancel(false));
        pipe.close();
        assertTrue(pipe.first().isClosed());
        assertTrue(pipe.second().isClosed());
    }

    @Test
    void pipeCloseOutcomeNeverDependsOnTheEventLoopsTiming() {
        // closing the writer first ends the reader's pending get() on the loop at some moment during or after
        // close(); the reader was locked when close() was called, so it is left open every time
        for (int i = 0; i < 50; i++) {
            GipcPipe<String> pipe = Gipc.pipe();
            GipcFuture<String> get = pipe.reader().get();
            GipcLockedException e = assertThrows(GipcLockedException.class, pipe::close, "round " + i);
            assertTrue(pipe.writer().isClosed(), "round " + i);
            assertFalse(pipe.reader().isClosed(), "round " + i + ": " + e.getMessage());
            assertNames(pipe.reader(), e);
            assertFails(GipcEofException.class, get);
            pipe.reader().close();
        }
        for (int i = 0; i < 50; i++) {
            GipcDuplexPipe<String> pipe = Gipc.duplexPipe();
            GipcFuture<String> get = pipe.second().get();
            assertThrows(GipcLockedException.class, pipe::close, "round " + i);
            assertTrue(pipe.first().isClosed(), "round " + i);
            assertFalse(pipe.second().isClosed(), "round " + i);
            assertFails(GipcEofException.class, get);
            pipe.second().close();
        }
    }
}
