package io.gipc.netty.process;

import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static io.gipc.netty.process.Children.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestSimpleUseCases}: basic scenarios of gipc alone. The seed's
 * greenlets are threads; its {@code gevent.queue.Queue} is a {@link LinkedBlockingQueue}.
 *
 * <p>Where the JVM differs, the same idea is tested instead:
 * <ul>
 *   <li>{@code test_whatever_1} and {@code test_whatever_2}: the seed's reads under a {@code gevent.Timeout} of 0.05
 *       and 0.01 s expect a message that is due "within no time": assertions on speed. Here those reads are
 *       {@code get(Duration)} with a timeout against hangs only ({@link Children#TIMEOUT_S}); what stays is that a
 *       timed {@code get} across processes returns the message, served alongside an untimed one.</li>
 *   <li>{@code test_whatever_3}: the seed's 100 random letters come from an unseeded generator; here the seed of the
 *       generator is in the failure message.</li>
 * </ul>
 */
@EnabledOnOs(OS.LINUX)
class SimpleUseCasesTest {
    /** The seed's {@code ALMOSTZERO}, in nanoseconds. */
    static final long ALMOSTZERO_NANOS = 10_000;

    static void usecaseChildA(GipcWriter<Object> writer) throws Exception {
        try (writer) {
            while (true) {
                await(writer.put("SPLASH"));
                LockSupport.parkNanos(ALMOSTZERO_NANOS);
            }
        }
    }

    static void usecaseChildB(GipcWriter<Object> writer, GipcReader<Object> syncreader) throws Exception {
        try (syncreader) {
            // Wait for the partner process to start up.
            assertEquals("SYN", await(syncreader.get()));
            await(writer.put("SYNACK"));
        }
        try (writer) {
            await(writer.put("CHICKEN"));
        }
    }

    static void usecaseChildC(GipcReader<Object> reader, GipcWriter<Object> syncwriter) throws Exception {
        try (syncwriter) {
            // Tell the partner process that this one is up and running, and wait for its confirmation.
            await(syncwriter.put("SYN"));
            assertEquals("SYNACK", await(reader.get()));
        }
        try (reader) {
            // The processes are synchronized: CHICKEN is on its way.
            assertEquals("CHICKEN", await(reader.get(timeout())));
            // The write end is closed by now, or soon.
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(reader.get()));
            assertInstanceOf(GipcEofException.class, e.getCause());
        }
        System.exit(5);
    }

    static void usecaseChildD(GipcReader<Object> forthreader, GipcWriter<Object> backwriter) throws Exception {
        BlockingQueue<Object> recvqueue = new LinkedBlockingQueue<>();
        ExecutorService greenlets = Executors.newCachedThreadPool();
        try {
            Future<Void> g1 = greenlets.submit(() -> {
                while (true) {
                    Object m = await(forthreader.get());
                    recvqueue.put(m);
                    if ("STOP".equals(m)) {
                        return null;
                    }
                }
            });
            Future<Void> g2 = greenlets.submit(() -> {
                while (true) {
                    Object m = recvqueue.take();
                    await(backwriter.put(m));
                    if ("STOP".equals(m)) {
                        return null;
                    }
                }
            });
            await(g1);
            await(g2);
        } finally {
            greenlets.shutdownNow();
        }
    }

    // test_gipc.py TestSimpleUseCases.test_whatever_1
    @Test
    void whatever1() throws Exception {
        // From a writing child, fire into the pipe. In a thread of the parent, receive one of these messages with a
        // timed get and hand it to the test's thread. Terminate the child after that.
        ExecutorService greenlets = Executors.newCachedThreadPool();
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            GipcReader<Object> r = pipe.reader();
            GProcess p = start(Gipc.process(SimpleUseCasesTest::usecaseChildA).args(pipe.writer()));
            // Wait for the child to send its first message.
            assertEquals("SPLASH", await(r.get()));
            // The next ones are there to be read: one by a timed get in a thread, one here, at the same time.
            Future<Object> g = greenlets.submit(() -> await(r.get(timeout())));
            Object m = await(r.get());
            assertEquals("SPLASH", m);
            assertEquals("SPLASH", await(g));
            p.terminate();
            exit(p);
            assertEquals(-15, p.exitCode());
        } finally {
            greenlets.shutdownNow();
        }
    }

    // test_gipc.py TestSimpleUseCases.test_whatever_2
    @Test
    void whatever2() throws Exception {
        // Synchronize two children through two simplex pipes, with timed reads in the children.
        // The first pipe for the sync.
        try (GipcPipe<Object> sync = Gipc.pipe()) {
            // The second pipe for the messages.
            try (GipcPipe<Object> pipe = Gipc.pipe()) {
                // Sends the messages.
                GProcess pw =
                        start(Gipc.process(SimpleUseCasesTest::usecaseChildB).args(pipe.writer(), sync.reader()));
                // Receives them.
                GProcess pr =
                        start(Gipc.process(SimpleUseCasesTest::usecaseChildC).args(pipe.reader(), sync.writer()));
                exit(pw);
                exit(pr);
                assertEquals(0, pw.exitCode());
                assertEquals(5, pr.exitCode());
            }
        }
    }

    // test_gipc.py TestSimpleUseCases.test_whatever_3
    @Test
    void whatever3() throws Exception {
        // Circular messaging: random messages go from sendlist to sendqueue (a thread of the parent), from there
        // through the forth pipe to the child's recvqueue (a thread of the child), from there through the back pipe
        // (another thread of the child) to recvlist (another thread of the parent); sendlist == recvlist.
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Object> sendlist = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sendlist.add(String.valueOf("UFTATA".charAt(random.nextInt(6))));
        }
        sendlist.add("STOP");
        BlockingQueue<Object> sendqueue = new LinkedBlockingQueue<>();

        ExecutorService greenlets = Executors.newCachedThreadPool();
        try (GipcPipe<Object> forth = Gipc.pipe()) {
            try (GipcPipe<Object> back = Gipc.pipe()) {
                GProcess p =
                        start(Gipc.process(SimpleUseCasesTest::usecaseChildD).args(forth.reader(), back.writer()));
                GipcWriter<Object> forthwriter = forth.writer();
                GipcReader<Object> backreader = back.reader();
                Future<Void> g1 = greenlets.submit(() -> {
                    for (Object item : sendlist) {
                        sendqueue.put(item);
                    }
                    return null;
                });
                Future<Void> g2 = greenlets.submit(() -> {
                    while (true) {
                        Object m = sendqueue.take();
                        await(forthwriter.put(m));
                        if ("STOP".equals(m)) {
                            return null;
                        }
                    }
                });
                Future<List<Object>> g3 = greenlets.submit(() -> {
                    List<Object> recvlist = new ArrayList<>();
                    while (true) {
                        Object m = await(backreader.get());
                        recvlist.add(m);
                        if ("STOP".equals(m)) {
                            return recvlist;
                        }
                    }
                });
                await(g1);
                await(g2);
                assertEquals(0, exit(p));
                List<Object> recvlist = await(g3);
                assertEquals(sendlist, recvlist, "random seed " + seed);
            }
        } finally {
            greenlets.shutdownNow();
        }
    }
}
