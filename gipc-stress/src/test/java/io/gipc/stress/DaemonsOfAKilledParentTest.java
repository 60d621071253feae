package io.gipc.stress;

import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcException;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import io.gipc.testkit.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Daemon children end when their parent is killed by SIGKILL, whatever they are doing: some busy writing to a pipe,
 * some idle. As in gipc-netty's {@code GProcessLifetimeTest}, the parent is a child of this JVM (a middle process)
 * and the daemons are its children: this JVM kills the middle one and watches the daemons' pids. Linux only: pids
 * are looked for in {@code /proc}.
 */
@EnabledOnOs(OS.LINUX)
class DaemonsOfAKilledParentTest {
    static final int BUSY = 3;
    static final int IDLE = 2;
    /** Messages each busy daemon must have written before the parent is killed: proof that it is busy. */
    static final long BUSY_PROOF = 100;
    /** How long the idle daemons and the middle process sleep: longer than the test waits, so only a kill ends them. */
    static final long OUTLIVE_THE_TEST_MILLIS = TimeUnit.MINUTES.toMillis(4);

    /** A daemon that reports its pid, then writes as fast as its reader takes. */
    static void reportPidThenWrite(GipcWriter<Object> out) throws Exception {
        out.put(ProcessHandle.current().pid()).get();
        byte[] block = new byte[4096];
        while (true) {
            out.put(block).get();
        }
    }

    /** A daemon that reports its pid, then waits to be ended from outside. */
    static void reportPidThenIdle(GipcWriter<Object> out) throws Exception {
        out.put(ProcessHandle.current().pid()).get();
        Thread.sleep(OUTLIVE_THE_TEST_MILLIS);
    }

    /** The middle process: starts the daemons, each with its pipe to the test, then waits to be killed. */
    static void startDaemons(List<GipcWriter<Object>> busy, List<GipcWriter<Object>> idle) throws Exception {
        for (GipcWriter<Object> out : busy) {
            Gipc.process(DaemonsOfAKilledParentTest::reportPidThenWrite)
                    .args(out)
                    .daemon(true)
                    .jvmOptions(SmallJvm.OPTIONS)
                    .start();
        }
        for (GipcWriter<Object> out : idle) {
            Gipc.process(DaemonsOfAKilledParentTest::reportPidThenIdle)
                    .args(out)
                    .daemon(true)
                    .jvmOptions(SmallJvm.OPTIONS)
                    .start();
        }
        Thread.sleep(OUTLIVE_THE_TEST_MILLIS);
    }

    @Test
    void busyAndIdleDaemonsAllEndWhenTheirParentIsKilled() throws Exception {
        List<Long> daemons = new ArrayList<>();
        // Closed first, and only of use after a failure: the test kit sees this JVM's own children, not these.
        AutoCloseable killLeftoverDaemons =
                () -> daemons.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        try (ClosingList<GipcPipe<Object>> busy = pipes(BUSY);
                ClosingList<GipcPipe<Object>> idle = pipes(IDLE);
                killLeftoverDaemons) {
            GProcess parent = Gipc.process(DaemonsOfAKilledParentTest::startDaemons)
                    .args(writers(busy), writers(idle))
                    .jvmOptions(SmallJvm.OPTIONS)
                    .start();
            for (GipcPipe<Object> p : busy) {
                daemons.add(((Number) await(p.reader().get())).longValue());
            }
            for (GipcPipe<Object> p : idle) {
                daemons.add(((Number) await(p.reader().get())).longValue());
            }
            List<Drain> drains = new ArrayList<>();
            for (GipcPipe<Object> p : busy) {
                drains.add(Drain.start(p.reader(), p.reader().toString()));
            }
            for (Drain d : drains) {
                Await.until(() -> d.messages() >= BUSY_PROOF, () -> "a busy daemon wrote only " + d.messages());
            }
            assertTrue(daemons.stream().allMatch(ProcessTable::exists), "every daemon runs: " + daemons);

            parent.kill();
            assertEquals(-9, await(parent.join()));

            for (long pid : daemons) {
                Await.until(
                        () -> !ProcessTable.exists(pid), () -> "daemon " + ProcessTable.read(pid) + " still exists");
            }
            // The busy daemons' pipes end with them: end of stream, or a message cut short by the halt.
            for (Drain d : drains) {
                assertInstanceOf(GipcException.class, await(d.end()));
            }
        }
    }

    private static ClosingList<GipcPipe<Object>> pipes(int n) {
        ClosingList<GipcPipe<Object>> pipes = new ClosingList<>();
        for (int i = 0; i < n; i++) {
            pipes.add(Gipc.pipe());
        }
        return pipes;
    }

    private static List<GipcWriter<Object>> writers(List<GipcPipe<Object>> pipes) {
        return pipes.stream().map(GipcPipe::writer).toList();
    }
}
