package io.gipc.netty.pool;

import static io.gipc.netty.pool.PoolTasks.await;
import static io.gipc.netty.pool.PoolTasks.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import io.gipc.GipcWorkerDiedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker pools: tasks sent ahead to a busy worker (while every worker is busy, a worker is sent the next tasks
 * before it answered the last). Each test uses one worker, so that every task after the first is sent ahead.
 */
@EnabledOnOs(OS.LINUX)
class PoolSendAheadTest {

    // 6. cancel on a task sent ahead: true, and it never runs; it counted as queued until then.
    @Test
    void cancellingATaskSentAheadReturnsTrueAndItNeverRuns(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        try (GipcPool pool = pool("aheadcancel", 1).start()) {
            await(pool.ready());
            GipcFuture<Integer> running = pool.submit(PoolTasks::sleepThenReturn, 500L, 1);
            GipcFuture<String> ahead = pool.submit(PoolTasks::mark, marker);
            GipcFuture<Integer> after = pool.submit(PoolTasks::square, 5);
            assertEquals(2, pool.stats().queued(), "tasks sent ahead count as queued until they start");
            assertEquals(1, pool.stats().busy());
            assertTrue(ahead.cancel(false));
            assertTrue(ahead.isCancelled());
            assertThrows(CancellationException.class, ahead::join);
            assertEquals(1, pool.stats().queued());
            assertEquals(1, await(running));
            assertEquals(25, await(after), "the task after the cancelled one ran");
            assertEquals(9, await(pool.submit(PoolTasks::square, 3)));
            assertFalse(Files.exists(marker), "the cancelled task ran");
            assertEquals(0, pool.stats().workerRestarts(), "withdrawing a task kills no worker");
            assertEquals(0, pool.stats().queued());
        }
    }

    // 6. cancel(false) racing the start of a task sent ahead: either true and it never ran, or false and it ran.
    @Test
    void cancelFalseRacingTheStartOfATaskSentAheadIsNeverTrueAndRan(@TempDir Path dir) throws Exception {
        int cancelled = 0;
        int ran = 0;
        try (GipcPool pool = pool("aheadrace", 1).start()) {
            await(pool.ready());
            for (int i = 0; i < 300; i++) {
                Path marker = dir.resolve("ran-" + i);
                GipcFuture<Integer> first = pool.submit(PoolTasks::sleepThenReturn, (long) (i % 3), i);
                GipcFuture<String> second = pool.submit(PoolTasks::mark, marker);
                long spin = ThreadLocalRandom.current().nextLong(3_000_000);
                for (long t0 = System.nanoTime(); System.nanoTime() - t0 < spin; ) {
                    Thread.onSpinWait();
                }
                boolean wasCancelled = second.cancel(false);
                assertEquals(i, await(first));
                // One worker answers in order: once this one is answered, the one before it ran or was skipped.
                assertEquals(4, await(pool.submit(PoolTasks::square, 2)));
                if (wasCancelled) {
                    cancelled++;
                    assertTrue(second.isCancelled());
                    assertFalse(Files.exists(marker), "cancel returned true but task " + i + " ran");
                } else {
                    ran++;
                    assertEquals("marked", await(second));
                    assertTrue(Files.exists(marker), "cancel returned false but task " + i + " did not run");
                }
            }
            assertEquals(0, pool.stats().workerRestarts());
        }
        assertEquals(300, cancelled + ran);
    }

    // 4. A worker killed with tasks sent ahead: only the one it ran fails; the others run, in order, elsewhere.
    @Test
    void aWorkerKilledWithTasksSentAheadFailsOnlyTheOneItRan() throws Exception {
        try (GipcPool pool = pool("aheaddied", 1).start()) {
            await(pool.ready());
            GProcess first = pool.workers().get(0);
            GipcFuture<Integer> dies = pool.submit(PoolTasks::killSelf);
            List<GipcFuture<long[]>> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                later.add(pool.submit(PoolTasks::timed, 20L));
            }
            assertEquals(5, pool.stats().queued());
            ExecutionException e = assertThrows(ExecutionException.class, () -> dies.get());
            assertEquals(
                    -9,
                    assertInstanceOf(GipcWorkerDiedException.class, e.getCause())
                            .exitCode());
            long lastStart = Long.MIN_VALUE;
            for (GipcFuture<long[]> f : later) {
                long[] run = await(f);
                assertNotEquals(first.pid(), run[0], "ran on the worker that died");
                assertTrue(run[1] > lastStart, "started out of order");
                lastStart = run[1];
            }
            assertEquals(1, pool.stats().failed());
            assertEquals(5, pool.stats().completed());
            assertEquals(1, pool.stats().workerRestarts());
        }
    }

    // 5. A task sent ahead is timed from its start, not from when it was sent.
    @Test
    void aTaskSentAheadIsTimedFromItsStart() throws Exception {
        try (GipcPool pool =
                pool("aheadtimed", 1).taskTimeout(Duration.ofMillis(1500)).start()) {
            await(pool.ready());
            List<GipcFuture<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                all.add(pool.submit(PoolTasks::sleepThenReturn, 600L, i)); // 2.4 s in all, 0.6 s each
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(i, await(all.get(i)));
            }
            assertEquals(0, pool.stats().workerRestarts());
        }
    }

    // A free worker takes over tasks sent ahead to a busy one that has not started them.
    @Test
    void aFreeWorkerTakesOverTasksSentAheadToABusyOne() throws Exception {
        try (GipcPool pool = pool("aheadtakeover", 2).start()) {
            await(pool.ready());
            GipcFuture<long[]> shortOne = pool.submit(PoolTasks::timed, 50L);
            GipcFuture<long[]> longOne = pool.submit(PoolTasks::timed, 3000L);
            List<GipcFuture<long[]>> rest = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                rest.add(pool.submit(PoolTasks::timed, 10L));
            }
            long longPid = await(longOne)[0];
            long shortPid = await(shortOne)[0];
            assertNotEquals(longPid, shortPid);
            for (GipcFuture<long[]> f : rest) {
                long[] run = await(f);
                assertEquals(shortPid, run[0], "a task waited behind the long one instead of moving");
            }
        }
    }

    // Tasks queued while the worker starts go to it several in one message: each is still withdrawn on its own.
    @Test
    void aTaskSentInOneMessageWithOthersIsCancelledAloneAndNeverRuns(@TempDir Path dir) throws Exception {
        try (GipcPool pool = pool("severalcancel", 1).start()) {
            GipcFuture<Integer> first = pool.submit(PoolTasks::sleepThenReturn, 800L, 1);
            List<GipcFuture<String>> marks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                marks.add(pool.submit(PoolTasks::mark, dir.resolve("ran-" + i)));
            }
            await(pool.ready());
            assertTrue(marks.get(4).cancel(false), "a task sent ahead with others was not withdrawn");
            assertEquals(1, await(first));
            for (int i = 0; i < 10; i++) {
                if (i == 4) {
                    assertThrows(CancellationException.class, marks.get(i)::join);
                    assertFalse(Files.exists(dir.resolve("ran-4")), "the cancelled task ran");
                } else {
                    assertEquals("marked", await(marks.get(i)));
                }
            }
            assertEquals(0, pool.stats().workerRestarts());
            assertEquals(11 - 1, pool.stats().completed());
        }
    }

    // A worker that dies with tasks sent to it several in one message: only the one it ran fails; the others,
    // never started, run in order on its replacement.
    @Test
    void aWorkerDyingWithSeveralTasksInOneMessageFailsOnlyTheOneItRan() throws Exception {
        try (GipcPool pool = pool("severaldied", 1).start()) {
            GipcFuture<Integer> dies = pool.submit(PoolTasks::killSelf);
            List<GipcFuture<long[]>> later = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                later.add(pool.submit(PoolTasks::timed, 1L));
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> dies.get());
            GipcWorkerDiedException died = assertInstanceOf(GipcWorkerDiedException.class, e.getCause());
            long lastStart = Long.MIN_VALUE;
            for (GipcFuture<long[]> f : later) {
                long[] run = await(f);
                assertNotEquals(died.pid(), run[0], "ran on the worker that died");
                assertTrue(run[1] > lastStart, "started out of order");
                lastStart = run[1];
            }
            assertEquals(1, pool.stats().failed());
            assertEquals(40, pool.stats().completed());
        }
    }

    // A worker may hold the answer of a task while it runs the next one it was sent with it, but never for long:
    // the answer of a quick task does not wait for the end of a long one after it.
    @Test
    void anAnswerIsNotHeldBehindALongTaskSentWithIt() throws Exception {
        try (GipcPool pool = pool("severalheld", 1).start()) {
            GipcFuture<Integer> one = pool.submit(PoolTasks::square, 1);
            GipcFuture<Integer> two = pool.submit(PoolTasks::square, 2);
            GipcFuture<Integer> slow = pool.submit(PoolTasks::sleepThenReturn, 5000L, 7);
            assertEquals(1, await(one));
            assertEquals(4, await(two));
            assertFalse(slow.isDone(), "the quick task's answer came only with the long one's");
            assertEquals(7, await(slow));
        }
    }

    // A message of several tasks the codec refuses (an argument changed after it was checked): only the task
    // that cannot be shipped fails; the others go again and run.
    @Test
    void aTaskThatNoLongerShipsFailsAloneAndTheTasksSentWithItRun() throws Exception {
        try (GipcPool pool = pool("severalrefused", 1).start()) {
            List<Object> box = new ArrayList<>(List.of("fine"));
            GipcFuture<Integer> one = pool.submit(PoolTasks::square, 1);
            GipcFuture<Integer> two = pool.submit(PoolTasks::square, 2);
            GipcFuture<Integer> boxed = pool.submit((List<Object> l) -> l.size(), box);
            GipcFuture<Integer> three = pool.submit(PoolTasks::square, 3);
            box.add(new Thread(() -> {})); // checked when submitted; cannot be shipped any more
            assertFalse(pool.ready().isDone(), "the worker was ready before the argument changed");
            assertEquals(1, await(one));
            assertEquals(4, await(two));
            assertEquals(9, await(three));
            ExecutionException e = assertThrows(ExecutionException.class, () -> boxed.get());
            assertInstanceOf(io.gipc.GipcCodecException.class, e.getCause());
            assertTrue(
                    e.getCause().getMessage().contains("java.lang.Thread"),
                    e.getCause().getMessage());
            assertEquals(0, pool.stats().workerRestarts());
        }
    }
    // Tasks sent ahead one after the other go to the worker packed (a run of calls of one task as one value of the
    // codec) and come back packed (answers that are all values as one value): each task still gets its own value,
    // null or failure, in order, and a result the codec refuses fails only its own task. (The first 193 go at once,
    // one by one, to the busy worker; the later ones wait and go in packed runs.)
    @Test
    void tasksSentAheadPackedGetTheirOwnValuesNullsAndFailures() throws Exception {
        try (GipcPool pool = pool("packed", 1).start()) {
            await(pool.ready());
            GipcFuture<Integer> first = pool.submit(PoolTasks::sleepThenReturn, 300L, -1);
            List<GipcFuture<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                squares.add(pool.submit(PoolTasks::squareOrFail, i % 10 == 7 ? -i : i));
            }
            List<GipcFuture<Integer>> pairs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                pairs.add(pool.submit(PoolTasks::sleepThenReturn, 0L, i));
            }
            List<GipcFuture<Integer>> nulls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                nulls.add(pool.submit(PoolTasks::nothing, i));
            }
            List<GipcFuture<Thread>> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                threads.add(pool.submit(PoolTasks::aThread, i));
            }
            GipcFuture<Integer> last = pool.submit(PoolTasks::square, 12);
            assertEquals(-1, await(first));
            for (int i = 0; i < 300; i++) {
                if (i % 10 == 7) {
                    GipcFuture<Integer> failing = squares.get(i);
                    ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get());
                    assertInstanceOf(IllegalArgumentException.class, e.getCause());
                    assertEquals("negative input " + -i, e.getCause().getMessage());
                } else {
                    assertEquals(i * i, await(squares.get(i)));
                }
            }
            for (int i = 0; i < 40; i++) {
                assertEquals(i, await(pairs.get(i)), "the second argument of a packed call");
                assertEquals(null, await(nulls.get(i)));
            }
            for (GipcFuture<Thread> f : threads) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get());
                assertInstanceOf(io.gipc.GipcCodecException.class, e.getCause());
                assertTrue(
                        e.getCause().getMessage().contains("java.lang.Thread"),
                        e.getCause().getMessage());
            }
            assertEquals(144, await(last));
            assertEquals(0, pool.stats().workerRestarts());
            assertEquals(30 + 3, pool.stats().failed());
            assertEquals(1 + 270 + 80 + 1, pool.stats().completed());
        }
    }

    // A run of calls of one task packed into one value, one of whose arguments the codec refuses when it is sent
    // (it changed after it was checked): that task fails alone, naming the class; the others of the run go again.
    // (The first 193 go at once, one by one, to the busy worker; the later ones wait and go in packed runs.)
    @Test
    void aCallInAPackedRunThatNoLongerShipsFailsAloneAndTheOthersRun() throws Exception {
        try (GipcPool pool = pool("packedrefused", 1).start()) {
            await(pool.ready());
            GipcFuture<Integer> first = pool.submit(PoolTasks::sleepThenReturn, 300L, -1);
            List<GipcFuture<Integer>> sizes = new ArrayList<>();
            List<Object> box = new ArrayList<>(List.of("fine"));
            for (int i = 0; i < 400; i++) {
                sizes.add(pool.submit(PoolTasks::size, i == 300 ? box : List.of("a", "b")));
            }
            box.add(new Thread(() -> {})); // checked when submitted; cannot be shipped any more
            assertFalse(first.isDone(), "the worker was free before the argument changed");
            assertEquals(-1, await(first));
            for (int i = 0; i < 400; i++) {
                if (i == 300) {
                    ExecutionException e = assertThrows(
                            ExecutionException.class, () -> sizes.get(300).get());
                    assertInstanceOf(io.gipc.GipcCodecException.class, e.getCause());
                    assertTrue(
                            e.getCause().getMessage().contains("java.lang.Thread"),
                            e.getCause().getMessage());
                } else {
                    assertEquals(2, await(sizes.get(i)));
                }
            }
            assertEquals(0, pool.stats().workerRestarts());
            assertEquals(1, pool.stats().failed());
        }
    }

    // A message of several tasks that the worker cannot rebuild (an argument's class is missing from its class
    // path): every task of that message fails with a GipcCodecException that names the class and says the tasks
    // came together; the worker goes on, and a task first sent whole in that message is sent whole again.
    @Test
    void aMessageOfSeveralTasksTheWorkerCannotRebuildFailsThoseTasksAndThePoolGoesOn() throws Exception {
        Object absent = OnlyInThisJvm.instance();
        try (GipcPool pool = pool("severalunreadable", 1).start()) {
            // Submitted before the worker is ready: the first goes alone, the rest together in one message.
            GipcFuture<Long> first = pool.submit(PoolTasks::pid);
            List<GipcFuture<?>> together = new ArrayList<>();
            together.add(pool.submit(PoolTasks::square, 2));
            together.add(pool.submit((Object o) -> o.hashCode(), absent));
            together.add(pool.submit(PoolTasks::square, 3));
            assertFalse(pool.ready().isDone(), "the worker was ready before the tasks were queued");
            long pid = await(first);
            for (GipcFuture<?> f : together) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get());
                io.gipc.GipcCodecException why = assertInstanceOf(io.gipc.GipcCodecException.class, e.getCause());
                assertTrue(why.getMessage().contains("cannot rebuild"), why.getMessage());
                assertTrue(why.getMessage().contains("sent with it in one message"), why.getMessage());
                assertTrue(why.getMessage().contains(absent.getClass().getName()), why.getMessage());
            }
            assertEquals(16, await(pool.submit(PoolTasks::square, 4)), "square, first sent in the lost message");
            assertEquals(pid, await(pool.submit(PoolTasks::pid)), "the same worker went on");
            assertEquals(0, pool.stats().workerRestarts());
            assertEquals(3, pool.stats().failed());
        }
    }

    /**
     * A class that exists only in this JVM: {@link OnlyHere1}'s bytes renamed to {@code OnlyHere2}, defined by a
     * class loader of its own. A worker, with this JVM's class path, has no such class.
     */
    private static final class OnlyInThisJvm extends ClassLoader {
        OnlyInThisJvm() {
            super(PoolSendAheadTest.class.getClassLoader());
        }

        static Object instance() throws Exception {
            byte[] bytes;
            try (java.io.InputStream in = PoolSendAheadTest.class.getResourceAsStream("OnlyHere1.class")) {
                bytes = in.readAllBytes();
            }
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] renamed =
                    text.replace("OnlyHere1", "OnlyHere2").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            Class<?> c = new OnlyInThisJvm().defineClass("io.gipc.netty.pool.OnlyHere2", renamed, 0, renamed.length);
            java.lang.reflect.Constructor<?> make = c.getDeclaredConstructor();
            make.setAccessible(true);
            Object o = make.newInstance();
            java.lang.reflect.Field value = c.getDeclaredField("value");
            value.setAccessible(true);
            value.setInt(o, 42);
            return o;
        }
    }
}

/** A plain value, renamed to a class that only the test's JVM has (see PoolSendAheadTest). */
final class OnlyHere1 {
    int value;
}
