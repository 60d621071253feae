package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static io.gipc.netty.pool.PoolTasks.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcPipe;
import io.gipc.GipcPool;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Worker pools, docs/api.md "Worker pools" 13: a task's arguments and its result may hold handles; they are
 * transferred as in a message (the worker gets them live, the parent's copies close once sent).
 */
@EnabledOnOs(OS.LINUX)
class PoolHandlesTest {

    /** In the worker: streams {@code count} numbers into the writer it was given, closes it, returns the count. */
    static int streamInto(GipcWriter<Object> out, int count) {
        try (out) {
            for (int i = 0; i < count; i++) {
                out.put(i).join();
            }
        }
        return count;
    }

    /** In the worker: makes a pipe, writes into it, and returns its reader to the parent inside a list. */
    static List<Object> readerOfAFreshPipe(String text) {
        GipcPipe<Object> pipe = Gipc.pipe();
        pipe.writer().put(text).join();
        pipe.writer().close();
        return List.of("here", pipe.reader());
    }

    /** In the worker: answers on a duplex end it was given, inside a record, and keeps nothing. */
    static String answerOn(Carrier carrier) {
        try (GipcDuplex<Object> end = carrier.end()) {
            Object question = end.get().join();
            end.put("answer to " + question).join();
        }
        return carrier.label();
    }

    /** A record holding a handle. */
    record Carrier(String label, GipcDuplex<Object> end) {}

    @Test
    void aWriterGivenAsATasksArgumentArrivesLiveInTheWorker() throws Exception {
        try (GipcPool pool = pool("handles-args", 1).start();
                GipcPipe<Object> results = Gipc.pipe()) {
            GipcWriter<Object> writer = results.writer();
            int sent = await(pool.submit(PoolHandlesTest::streamInto, writer, 50));
            assertEquals(50, sent);
            assertTrue(writer.isClosed(), "the parent's copy closed once the worker had it");
            GipcReader<Object> reader = results.reader();
            for (int i = 0; i < 50; i++) {
                assertEquals(i, await(reader.get()));
            }
        }
    }

    @Test
    void aReaderReturnedInsideATasksResultArrivesLiveInTheParent() throws Exception {
        try (GipcPool pool = pool("handles-result", 1).start()) {
            List<Object> result = await(pool.submit(PoolHandlesTest::readerOfAFreshPipe, "made in a worker"));
            assertEquals("here", result.get(0));
            @SuppressWarnings("unchecked")
            GipcReader<Object> reader = (GipcReader<Object>) result.get(1);
            try (reader) {
                assertEquals("made in a worker", await(reader.get()));
            }
        }
    }

    @Test
    void aClosedHandleFailsOnlyItsTaskAndTheWorkerGoesOn() throws Exception {
        try (GipcPool pool = pool("handles-closed", 1).start();
                GipcPipe<Object> results = Gipc.pipe()) {
            await(pool.ready());
            results.writer().close();
            var refused = pool.submit(PoolHandlesTest::streamInto, results.writer(), 1);
            ExecutionException e =
                    assertThrows(ExecutionException.class, () -> refused.get(PoolTasks.TIMEOUT_S, TimeUnit.SECONDS));
            assertInstanceOf(GipcClosedException.class, e.getCause(), e.toString());
            assertEquals(144, await(pool.submit(PoolTasks::square, 12)));
            assertEquals(0, pool.stats().workerRestarts());
        }
    }

    @Test
    void aDuplexEndInsideARecordArgumentTalksBothWays() throws Exception {
        try (GipcPool pool = pool("handles-record", 1).start();
                GipcDuplexPipe<Object> pipe = Gipc.duplexPipe()) {
            var answered = pool.submit(PoolHandlesTest::answerOn, new Carrier("carried", pipe.second()));
            pipe.first().put("the question").join();
            assertEquals("answer to the question", await(pipe.first().get()));
            assertEquals("carried", await(answered));
        }
    }
}
