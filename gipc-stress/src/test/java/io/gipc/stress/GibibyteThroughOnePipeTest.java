package io.gipc.stress;

import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.testkit.Await;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * A gibibyte through one pipe, from this JVM to a child: it arrives whole and in order (the checksums of both ends
 * agree), and neither end holds more than a few messages of it at a time. The child's heap is 64 MiB, and this
 * JVM's memory is sampled as it sends.
 */
class GibibyteThroughOnePipeTest {
    static final int MESSAGE_BYTES = 1 << 20;
    static final int MESSAGES = 1024;
    static final long TOTAL_BYTES = (long) MESSAGE_BYTES * MESSAGES;
    /** Puts pending at once at most: the sender's own bound, which gipc must turn into a bound on memory. */
    static final int IN_FLIGHT = 4;

    static final int SAMPLE_EVERY = 32;
    /**
     * How much more memory this JVM may hold while it sends: four times what four messages in flight need. A
     * gipc that kept the stream, or buffered it ahead of the socket because a put() completed before its bytes
     * were written, goes past this (gipc changed that way was tried: it reached 37 MiB).
     */
    static final long MEMORY_BOUND = 16L << 20;

    /** What the receiving end saw. */
    record Received(long messages, long bytes, long crc32) {}

    /** The child: reads to the end of the stream, then reports what it read. */
    static void checksum(GipcReader<byte[]> in, GipcWriter<Received> report) throws Exception {
        CRC32 crc = new CRC32();
        long messages = 0;
        long bytes = 0;
        while (true) {
            byte[] message;
            try {
                message = in.get().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GipcEofException) {
                    break;
                }
                throw e;
            }
            crc.update(message);
            messages++;
            bytes += message.length;
        }
        report.put(new Received(messages, bytes, crc.getValue())).get();
    }

    /** Message {@code index} of the stream: the same bytes on every run, made as they are sent, never all held. */
    static byte[] message(int index) {
        byte[] b = new byte[MESSAGE_BYTES];
        new Random(index).nextBytes(b);
        return b;
    }

    @Test
    void aGibibyteArrivesWholeAndNeitherEndHoldsIt() {
        MemoryWatch memory = new MemoryWatch();
        CRC32 sent = new CRC32();
        try (GipcPipe<byte[]> data = Gipc.rawPipe();
                GipcPipe<Received> report = Gipc.pipe()) {
            // A 64 MiB heap and as much direct memory: a child that kept what it read would run out of both.
            GProcess child = Gipc.process(GibibyteThroughOnePipeTest::checksum)
                    .args(data.reader(), report.writer())
                    .jvmOptions(SmallJvm.with("-Xmx64m", "-XX:MaxDirectMemorySize=64m"))
                    .start();

            Deque<GipcFuture<Void>> inFlight = new ArrayDeque<>();
            for (int i = 0; i < MESSAGES; i++) {
                if (inFlight.size() == IN_FLIGHT) {
                    await(inFlight.removeFirst());
                }
                byte[] message = message(i);
                sent.update(message);
                inFlight.addLast(data.writer().put(message));
                if (i % SAMPLE_EVERY == SAMPLE_EVERY - 1) {
                    memory.sample();
                }
            }
            inFlight.forEach(Await::await);
            data.writer().close();

            assertEquals(
                    new Received(MESSAGES, TOTAL_BYTES, sent.getValue()),
                    await(report.reader().get()));
            assertEquals(0, await(child.join()));
        }
        assertEquals(MESSAGES / SAMPLE_EVERY, memory.samples());
        assertTrue(memory.maxGrowth() < MEMORY_BOUND, memory.toString());
    }
}
