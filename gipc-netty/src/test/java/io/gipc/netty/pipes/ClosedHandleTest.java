package io.gipc.netty.pipes;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 4: every operation on a closed handle, {@code close()} included, throws
 * {@code GipcClosedException} from the call itself; {@code isClosed()} answers true.
 */
@Timeout(60)
class ClosedHandleTest {

    @Test
    void everyOperationOnAClosedReaderThrowsFromTheCall() {
        GipcPipe<String> pipe = Gipc.pipe();
        GipcReader<String> reader = pipe.reader();
        assertFalse(reader.isClosed());
        reader.close();
        assertTrue(reader.isClosed());
        assertFalse(reader.isLocked());
        assertThrows(GipcClosedException.class, reader::get);
        assertThrows(GipcClosedException.class, () -> reader.get(Duration.ofSeconds(1)));
        assertThrows(GipcClosedException.class, reader::close);
        assertTrue(reader.isClosed());
        pipe.writer().close();
    }

    @Test
    void everyOperationOnAClosedWriterThrowsFromTheCall() {
        GipcPipe<String> pipe = Gipc.pipe();
        GipcWriter<String> writer = pipe.writer();
        writer.close();
        assertTrue(writer.isClosed());
        assertFalse(writer.isLocked());
        assertThrows(GipcClosedException.class, () -> writer.put("x"));
        assertThrows(GipcClosedException.class, () -> writer.put(""));
        assertThrows(GipcClosedException.class, writer::close);
        assertTrue(writer.isClosed());
        pipe.reader().close();
    }

    @Test
    void everyOperationOnAClosedDuplexEndThrowsFromTheCall() {
        GipcDuplexPipe<String> pipe = Gipc.duplexPipe();
        GipcDuplex<String> first = pipe.first();
        first.close();
        assertTrue(first.isClosed());
        assertFalse(pipe.second().isClosed(), "closing one end leaves the other open");
        assertThrows(GipcClosedException.class, first::get);
        assertThrows(GipcClosedException.class, () -> first.get(Duration.ofSeconds(1)));
        assertThrows(GipcClosedException.class, () -> first.put("x"));
        assertThrows(GipcClosedException.class, first::close);
        pipe.second().close();
        assertTrue(pipe.second().isClosed());
    }

    @Test
    void everyOperationOnAClosedRawHandleThrowsFromTheCall() {
        GipcPipe<byte[]> pipe = Gipc.rawPipe();
        pipe.close();
        assertTrue(pipe.reader().isClosed());
        assertTrue(pipe.writer().isClosed());
        assertThrows(GipcClosedException.class, () -> pipe.writer().put(new byte[0]));
        assertThrows(GipcClosedException.class, () -> pipe.reader().get());
        assertThrows(GipcClosedException.class, () -> pipe.reader().close());
        assertThrows(GipcClosedException.class, () -> pipe.writer().close());
    }

    @Test
    void closingAPipeTwiceSkipsWhatIsAlreadyClosed() {
        GipcDuplexPipe<String> duplex = Gipc.duplexPipe();
        duplex.close();
        assertDoesNotThrow(duplex::close);
        GipcPipe<String> pipe = Gipc.pipe();
        pipe.close();
        assertDoesNotThrow(pipe::close);
    }

    @Test
    void aClosedHandleIsNoLongerAnOpenHandle() {
        GipcPipe<String> pipe = Gipc.pipe();
        List<GipcHandle> open = Gipc.openHandles();
        assertTrue(open.contains(pipe.reader()) && open.contains(pipe.writer()));
        pipe.writer().close();
        open = Gipc.openHandles();
        assertFalse(open.contains(pipe.writer()));
        assertTrue(open.contains(pipe.reader()));
        pipe.reader().close();
        assertFalse(Gipc.openHandles().contains(pipe.reader()));
    }
}
