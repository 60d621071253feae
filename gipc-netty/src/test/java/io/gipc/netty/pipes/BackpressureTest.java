package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.assertStaysPending;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.testkit.Await;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 2: {@code put()} completes when the whole message is written to the operating system. A reader
 * takes bytes from the OS only for pending {@code get()}s, so a writer that outpaces its reader sees its
 * {@code put()}s stay pending and memory stays bounded.
 */
@Timeout(60)
class BackpressureTest {

    @Test
    void putCompletesOnceWrittenToTheOsWithoutWaitingForAGet() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            byte[] m = message(1, 1000);
            // no get() is pending: the put completes because the kernel took the bytes, not because a reader did
            assertNull(await(pipe.writer().put(m)));
            assertFalse(pipe.writer().isLocked());
            assertArrayEquals(m, await(pipe.reader().get()));
        }
    }

    @Test
    void writerThatOutpacesItsReaderSeesItsPutsStayPending() {
        int n = 32;
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            List<byte[]> sent = new ArrayList<>();
            List<GipcFuture<Void>> puts = new ArrayList<>();
            List<Integer> completionOrder = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < n; i++) {
                byte[] m = message(i, MIB);
                sent.add(m);
                GipcFuture<Void> put = pipe.writer().put(m);
                int index = i;
                put.whenComplete((v, e) -> completionOrder.add(index));
                puts.add(put);
            }
            // 32 MiB cannot all sit in the socket buffers: with no get() pending the later puts stay pending
            assertStaysPending(puts.get(n - 1), "the last put (no get() was ever made)");
            assertTrue(pipe.writer().isLocked(), "a writer with a pending put is locked");
            long done = puts.stream().filter(GipcFuture::isDone).count();
            assertTrue(done < n, "only what fits into the kernel is written, " + done + " of " + n + " puts completed");

            // one get() takes one message; the reader does not go on reading ahead for gets nobody made
            assertArrayEquals(sent.get(0), await(pipe.reader().get()), "message 0");
            assertStaysPending(puts.get(n - 1), "the last put (after one get())");

            for (int i = 1; i < n; i++) {
                assertArrayEquals(sent.get(i), await(pipe.reader().get()), "message " + i);
            }
            puts.forEach(Await::await);
            assertFalse(pipe.writer().isLocked());
            assertEquals(
                    IntStream.range(0, n).boxed().collect(Collectors.toList()),
                    completionOrder,
                    "the puts complete in the order they were made");
        }
    }

    @Test
    void aPendingPutCompletesOnlyOnceTheReaderTookTheRest() {
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            byte[] big = message(7, 10 * MIB);
            GipcFuture<Void> put = pipe.writer().put(big);
            assertStaysPending(put, "a 10 MiB put with no get() pending");
            GipcFuture<byte[]> get = pipe.reader().get();
            assertArrayEquals(big, await(get));
            assertNull(await(put));
        }
    }
}
