package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.MIB;
import static io.gipc.netty.pipes.PipeTestSupport.message;
import static io.gipc.testkit.Await.assertFails;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.testkit.Await;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 1: messages arrive whole, in order, exactly once. Several pending {@code get()} calls are
 * served first come, first served, each with one whole message; several {@code put()} calls never interleave.
 */
@Timeout(60)
class WholeMessagesInOrderTest {

    private static final int[] SIZES = {1, 2, 3, 4, 5, 100, 4095, 4096, 65_535, 65_536, 200_003, MIB};

    @Test
    void messagesArriveWholeInOrderExactlyOnce() throws Exception {
        Random random = new Random(42);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(message(i, SIZES[random.nextInt(SIZES.length)]));
        }
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcWriter<byte[]> writer = pipe.writer();
            GipcReader<byte[]> reader = pipe.reader();
            Future<List<GipcFuture<Void>>> puts = writerThread.submit(() -> {
                List<GipcFuture<Void>> futures = new ArrayList<>();
                for (byte[] m : sent) {
                    futures.add(writer.put(m));
                }
                return futures;
            });
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), await(reader.get()), "message " + i);
            }
            for (GipcFuture<Void> put : await(puts)) {
                await(put);
            }
            writer.close();
            // exactly once: nothing is left after the last message
            assertFails(GipcEofException.class, reader.get());
        } finally {
            writerThread.shutdownNow();
        }
    }

    @Test
    void pendingGetsAreServedFirstComeFirstServedEachWithOneWholeMessage() {
        int n = 64;
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            List<GipcFuture<byte[]>> gets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                gets.add(pipe.reader().get());
            }
            assertFalse(gets.stream().anyMatch(GipcFuture::isDone), "no message was sent yet");
            List<byte[]> sent = new ArrayList<>();
            List<GipcFuture<Void>> puts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] m = message(i, i % 3 == 0 ? MIB : i % 3 == 1 ? 10 : 1);
                sent.add(m);
                puts.add(pipe.writer().put(m));
            }
            for (int i = 0; i < n; i++) {
                assertArrayEquals(sent.get(i), await(gets.get(i)), "get " + i + " gets message " + i);
            }
            puts.forEach(Await::await);
        }
    }

    @Test
    void putsFromSeveralThreadsNeverInterleave() throws Exception {
        int threads = 4;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (GipcPipe<byte[]> pipe = Gipc.rawPipe()) {
            GipcWriter<byte[]> writer = pipe.writer();
            List<Future<List<GipcFuture<Void>>>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    List<GipcFuture<Void>> futures = new ArrayList<>();
                    for (int seq = 0; seq < perThread; seq++) {
                        futures.add(writer.put(tagged(thread, seq)));
                    }
                    return futures;
                }));
            }
            start.countDown();
            int[] nextSeq = new int[threads];
            for (int i = 0; i < threads * perThread; i++) {
                byte[] got = await(pipe.reader().get());
                assertTrue(got.length >= 8, "message " + i + " is too short to be whole: " + got.length);
                ByteBuffer header = ByteBuffer.wrap(got);
                int thread = header.getInt();
                int seq = header.getInt();
                assertTrue(thread >= 0 && thread < threads, "message " + i + " has a torn header");
                assertEquals(nextSeq[thread], seq, "the puts of one thread arrive in the order they were made");
                assertArrayEquals(tagged(thread, seq), got, "message " + seq + " of thread " + thread + " is whole");
                nextSeq[thread]++;
            }
            for (Future<List<GipcFuture<Void>>> w : writers) {
                await(w).forEach(Await::await);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void severalReadersOfOneReaderHandleEachGetOneWholeMessage() throws Exception {
        int threads = 4;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (GipcPipe<String> pipe = Gipc.pipe()) {
            List<Future<List<String>>> readers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                readers.add(pool.submit(() -> {
                    List<String> got = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        got.add(await(pipe.reader().get()));
                    }
                    return got;
                }));
            }
            List<GipcFuture<Void>> puts = new ArrayList<>();
            for (int i = 0; i < threads * perThread; i++) {
                puts.add(pipe.writer().put(i + ":" + "x".repeat(i * 97)));
            }
            boolean[] seen = new boolean[threads * perThread];
            for (Future<List<String>> r : readers) {
                int last = -1;
                for (String s : await(r)) {
                    int i = Integer.parseInt(s.substring(0, s.indexOf(':')));
                    assertEquals(i + ":" + "x".repeat(i * 97), s, "message " + i + " is whole");
                    assertFalse(seen[i], "message " + i + " arrived twice");
                    assertTrue(i > last, "each reader thread gets later messages for later gets");
                    seen[i] = true;
                    last = i;
                }
            }
            for (int i = 0; i < seen.length; i++) {
                assertTrue(seen[i], "message " + i + " arrived");
            }
            puts.forEach(Await::await);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A message that says which thread put it and its number, filled with a pattern of those two. */
    private static byte[] tagged(int thread, int seq) {
        int length = 8 + ((thread * 7 + seq * 13) % 32) * 16 * 1024 + seq;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(thread).putInt(seq);
        byte fill = (byte) (thread * 31 + seq);
        byte[] rest = new byte[length - 8];
        Arrays.fill(rest, fill);
        b.put(rest);
        return b.array();
    }
}
