package io.gipc.netty.process;

import static io.gipc.netty.process.Children.TIMEOUT_S;
import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GProcess;
import io.gipc.GProcessBuilder;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestProcess}: child process behaviour and the {@link GProcess} API.
 * The seed's {@code p.join()} is {@code p.join()} waited for ({@link Children#exit}); its {@code p.exitcode} is
 * {@link GProcess#exitCode()}.
 *
 * <p>Where the JVM differs, the same idea is tested instead:
 * <ul>
 *   <li>{@code test_exitcode_sigkill}: {@code os.kill(os.getpid(), SIGKILL)}; the JVM has no call that signals its
 *       own process, so the child runs the system's {@code kill -KILL <its pid>}.</li>
 *   <li>{@code test_terminate}: the seed sleeps 0.1 s so that the child is past gipc's signal set-up before
 *       {@code terminate()}. A child JVM takes longer than any fixed sleep to get there (a JVM that gets SIGTERM while
 *       it starts runs its shutdown and exits 143), so the child says when it runs its target, through a pipe; and
 *       it sleeps far longer than the seed's 1.5 s, so that a slow machine cannot let it end by itself first.</li>
 *   <li>{@code test_close_method_only_present_if_required}: Python's {@code Process.close()} exists from 3.7 on;
 *       {@link GProcess#close()} always exists, so the test runs the seed's branch for a Python that has it:
 *       terminate, join, close.</li>
 *   <li>{@code test_typecheck_args}, {@code test_typecheck_kwargs}: Java's types leave no way to pass a string as
 *       {@code args} or {@code kwargs}; the type error left is arguments that do not fit the target, which
 *       {@code start()} refuses with {@link IllegalArgumentException} before any process starts.</li>
 *   <li>{@code test_exitcode_previous_to_join}: the seed gives the child watcher 2 s; this test does not assert on
 *       speed, only that the exit code appears without a {@code join()}. Its target is the seed's spawn-mode one,
 *       {@code sleep(SHORTTIME)}.</li>
 *   <li>{@code test_child_in_child_in_child}: the seed only joins; here every generation checks its child's exit
 *       code, and the test the top one's, so that the test can fail.</li>
 * </ul>
 */
@EnabledOnOs(OS.LINUX)
class ProcessTest {
    /** The seed's {@code SHORTTIME}, in seconds. */
    static final double SHORTTIME = 0.01;
    /** The seed's {@code ALMOSTZERO}, in seconds. */
    static final double ALMOSTZERO = 0.00001;

    /** The seed's {@code gevent.sleep(seconds)} as a target. */
    static void sleep(Double seconds) throws InterruptedException {
        Thread.sleep(Math.round(seconds * 1000));
    }

    static void pChildA() throws InterruptedException {
        sleep(SHORTTIME);
    }

    static void pChildB() throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        Process kill = new ProcessBuilder("kill", "-KILL", pid).inheritIO().start();
        kill.waitFor();
        Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 2)); // SIGKILL is on its way
        throw new IllegalStateException(
                "still alive after kill -KILL " + pid + " (kill exited " + kill.exitValue() + ")");
    }

    static void pChildC() {
        System.exit(1);
    }

    static void pChildE() throws Exception {
        GProcess i = Children.start(Gipc.process(ProcessTest::pChildE2));
        assertEquals(0, exit(i), "the child's child");
    }

    static void pChildE2() throws Exception {
        GProcess ii = Children.start(Gipc.process(ProcessTest::pChildE3));
        assertEquals(0, exit(ii), "the child's child's child");
    }

    static void pChildE3() {}

    /** Says it runs its target (the launcher has reset the signals by then), then sleeps {@code seconds}. */
    static void sleepWhenReady(GipcWriter<Object> ready, Double seconds) throws Exception {
        await(ready.put("ready"));
        sleep(seconds);
    }

    // test_gipc.py TestProcess.test_is_alive_true
    @Test
    void isAliveTrue() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildA));
        assertTrue(p.isAlive());
        assertEquals(0, exit(p));
        assertEquals(0, p.exitCode());
        p.close();
    }

    // test_gipc.py TestProcess.test_is_alive_false
    @Test
    void isAliveFalse() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildA));
        exit(p);
        assertFalse(p.isAlive());
        assertEquals(0, p.exitCode());
        p.close();
    }

    // test_gipc.py TestProcess.test_exitcode_0
    @Test
    void exitcode0() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildA));
        exit(p);
        assertEquals(0, p.exitCode());
        p.close();
    }

    // test_gipc.py TestProcess.test_exitcode_sigkill
    @Test
    void exitcodeSigkill() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildB));
        exit(p);
        assertEquals(-9, p.exitCode());
        p.close();
    }

    // test_gipc.py TestProcess.test_exitcode_1
    @Test
    void exitcode1() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildC));
        exit(p);
        assertEquals(1, p.exitCode());
    }

    // test_gipc.py TestProcess.test_pid
    @Test
    void pid() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildA));
        long pid = p.pid();
        exit(p);
        assertTrue(pid > 0, "pid " + pid);
        assertEquals(pid, p.pid());
        assertEquals(pid, p.toHandle().pid());
        assertEquals(0, p.exitCode());
        p.close();
    }

    // test_gipc.py TestProcess.test_terminate
    @Test
    void terminate() throws Exception {
        try (GipcPipe<Object> ready = Gipc.pipe()) {
            GProcess p = start(Gipc.process(ProcessTest::sleepWhenReady).args(ready.writer(), TIMEOUT_S * 2.0));
            // the seed's __repr__ and __str__
            assertTrue(p.toString().contains(p.name()), p.toString());
            assertEquals("ready", await(ready.reader().get()));
            p.terminate();
            exit(p);
            assertTrue(p.toString().contains(p.name()), p.toString());
            assertEquals(-15, p.exitCode());
            p.close();
        }
    }

    // test_gipc.py TestProcess.test_child_in_child_in_child
    @Test
    void childInChildInChild() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildE));
        assertEquals(0, exit(p));
        p.close();
    }

    // test_gipc.py TestProcess.test_join_timeout
    @Test
    void joinTimeout() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::sleep).args(0.1));
        Duration almostZero = Duration.ofNanos((long) (ALMOSTZERO * 1e9));
        assertNull(await(p.join(almostZero)), "join(ALMOSTZERO) completes with null while the child runs");
        assertTrue(p.isAlive());
        exit(p);
        assertEquals(0, p.exitCode());
        p.close();
    }

    // test_gipc.py TestProcess.test_close_method_only_present_if_required
    @Test
    void closeMethodOnlyPresentIfRequired() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildA));
        p.terminate();
        assertNotNull(exit(p));
        p.close();
    }

    // test_gipc.py TestProcess.test_close_raises_if_called_prematurely
    @Test
    void closeRaisesIfCalledPrematurely() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildA));
        assertTrue(p.isAlive());
        IllegalStateException e = assertThrows(IllegalStateException.class, p::close);
        assertTrue(e.getMessage().contains("still running"), e.getMessage());
        p.terminate();
        exit(p);
        p.close();
    }

    // test_gipc.py TestProcess.test_things_error_out_after_closed
    @Test
    void thingsErrorOutAfterClosed() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::pChildA));
        assertTrue(p.isAlive());
        p.terminate();
        exit(p);
        p.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, p::isAlive);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        e = assertThrows(IllegalStateException.class, p::join);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        e = assertThrows(IllegalStateException.class, p::exitCode);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }

    // test_gipc.py TestProcess.test_typecheck_args
    @Test
    void typecheckArgs() {
        GProcessBuilder b = Gipc.process(ProcessTest::sleep).args("pe", "ter");
        assertThrows(IllegalArgumentException.class, b::start);
        assertNoChildStarted();
    }

    // test_gipc.py TestProcess.test_typecheck_kwargs
    @Test
    void typecheckKwargs() {
        GProcessBuilder b = Gipc.process(ProcessTest::sleep).args(SHORTTIME).kwargs(Map.of("peter", "peter"));
        assertThrows(IllegalArgumentException.class, b::start);
        assertNoChildStarted();
    }

    // test_gipc.py TestProcess.test_exitcode_previous_to_join
    @Test
    void exitcodePreviousToJoin() throws Exception {
        GProcess p = start(Gipc.process(ProcessTest::sleep).args(SHORTTIME));
        // A child JVM starts for far longer than SHORTTIME: it still runs here.
        assertNull(p.exitCode());
        // The child watcher picks up the end of the child without a join().
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (p.exitCode() == null) {
            assertTrue(System.nanoTime() < deadline, "the end of the child was not detected: " + p);
            Thread.sleep(1);
        }
        assertEquals(0, p.exitCode());
        exit(p);
    }

    /** Asserts that this JVM has no child running gipc's launcher (a start that failed spawned nothing). */
    static void assertNoChildStarted() {
        assertTrue(
                ProcessHandle.current()
                        .children()
                        .noneMatch(h -> h.info()
                                .commandLine()
                                .map(c -> c.contains("ChildMain"))
                                .orElse(false)),
                "no child was started");
    }
}
