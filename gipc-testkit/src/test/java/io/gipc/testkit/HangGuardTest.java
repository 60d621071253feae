package io.gipc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The hang guard, with no gipc implementation: limits from the annotation and the configuration, reports. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class HangGuardTest {
    static volatile Process child;
    static volatile boolean release;

    @Test
    void aTestPastItsLimitFailsWithAReportAndItsChildIsKilled() throws Exception {
        long start = System.nanoTime();
        SampleRun run = SampleRun.of(HangsOnALatch.class);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        Throwable t = run.failureOf("waitsForever");
        String m = t.getMessage();
        assertTrue(m.startsWith("HangsOnALatch.waitsForever() did not end within its time limit of 1 s."), m);
        assertTrue(m.contains("Live child processes: 1\n  process " + child.pid()), m);
        assertTrue(m.contains("sleep 60") && m.contains("(since the test began)"), m);
        assertTrue(m.contains("Cleanup: killed 1 child process"), m);
        assertTrue(m.contains("Its thread then ended with java.lang.InterruptedException"), m);
        assertInstanceOf(HangGuard.StackOfTheHungThread.class, t.getCause());
        assertTrue(
                Arrays.stream(t.getCause().getStackTrace())
                        .anyMatch(e -> e.getMethodName().equals("waitsForever")),
                "the cause carries the stack of the test's thread");
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    @Test
    void theConfigurationParameterSetsTheDefaultLimit() {
        SampleRun run = SampleRun.of(HangsWithoutAnnotation.class, GipcTestExtension.TIMEOUT_PARAMETER, "300 ms");
        assertTrue(
                run.failureOf("waitsForever").getMessage().contains("time limit of 300 ms"),
                run.failureOf("waitsForever").getMessage());
    }

    @Test
    void aMethodsAnnotationOverridesItsClasses() {
        SampleRun run = SampleRun.of(NoLimitButOneMethod.class, GipcTestExtension.TIMEOUT_PARAMETER, "1 ms");
        assertNull(run.tests().get("quickEnough"), "no limit on the class");
        assertTrue(run.failureOf("limited").getMessage().contains("time limit of 200 ms"));
    }

    @Test
    void aHangInBeforeEachIsNamed() {
        SampleRun run = SampleRun.of(HangsInBeforeEach.class);
        String m = run.failureOf("neverRuns").getMessage();
        assertTrue(m.startsWith("@BeforeEach HangsInBeforeEach.stuck() did not end within"), m);
    }

    @Test
    void aThreadThatIgnoresInterruptsIsLeftBehindAndTheBuildGoesOn() {
        release = false;
        try {
            SampleRun run = SampleRun.of(IgnoresInterrupts.class);
            String m = run.failureOf("spins").getMessage();
            assertTrue(
                    m.contains("did not end " + HangGuard.GRACE.toSeconds() + " s after that; it is left running"
                            + " as a daemon thread"),
                    m);
        } finally {
            release = true;
        }
    }

    @Test
    void aTestThatEndsInTimeEndsAsItWould() {
        SampleRun run = SampleRun.of(EndsInTime.class);
        assertNull(run.tests().get("passes"));
        Throwable t = run.failureOf("failsByItself");
        assertEquals(IllegalStateException.class, t.getClass());
        assertEquals("its own failure", t.getMessage());
        assertTrue(run.tests().containsKey("returnsAFactory"));
        assertNull(run.tests().get("returnsAFactory"));
    }

    @Test
    void junitsOwnTimeoutInterruptsTheWaitAndCarriesTheReport() {
        SampleRun run = SampleRun.of(HasJUnitsTimeout.class);
        Throwable t = run.failureOf("waitsForever");
        assertInstanceOf(java.util.concurrent.TimeoutException.class, t);
        Throwable ours = t.getCause() != null
                ? t.getCause()
                : Arrays.stream(t.getSuppressed()).findFirst().orElseThrow(() -> new AssertionError(t));
        assertTrue(
                ours.getMessage()
                        .startsWith(
                                "HasJUnitsTimeout.waitsForever() was interrupted before its time" + " limit of 10 s."),
                ours.getMessage());
    }

    @Test
    void aNestedClassTakesTheLimitOfItsEnclosingClass() {
        SampleRun run = SampleRun.of(Outer.class);
        assertTrue(
                run.failureOf("waitsForever").getMessage().contains("time limit of 250 ms"),
                run.failureOf("waitsForever").getMessage());
    }

    @Test
    void theGuardRunsTheTestOnAThreadOfItsOwn() {
        assertTrue(
                Thread.currentThread().getName().startsWith("gipc-test-"),
                Thread.currentThread().getName());
        assertTrue(Thread.currentThread().isDaemon());
    }

    @Test
    void aGuardWithoutBaselineReportsAndCleansNothing() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> HangGuard.run(
                        () -> {
                            new CountDownLatch(1).await();
                            return null;
                        },
                        Duration.ofMillis(100),
                        new HangGuard.Scope() {
                            @Override
                            public String name() {
                                return "direct";
                            }

                            @Override
                            public Baseline baseline() {
                                return null;
                            }
                        }));
        assertTrue(e.getMessage().contains("nothing cleaned up"), e.getMessage());
    }

    @Sample
    @GipcTest(timeout = 1)
    static class HangsOnALatch {
        @Test
        void waitsForever() throws Exception {
            child = SleepingChild.start(60);
            new CountDownLatch(1).await();
        }
    }

    @Sample
    @GipcTest(timeout = 10)
    static class HasJUnitsTimeout {
        @Test
        @org.junit.jupiter.api.Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void waitsForever() throws Exception {
            new CountDownLatch(1).await();
        }
    }

    @Sample
    @GipcTest(timeout = 250, unit = TimeUnit.MILLISECONDS)
    static class Outer {
        @org.junit.jupiter.api.Nested
        class Inner {
            @Test
            void waitsForever() throws Exception {
                new CountDownLatch(1).await();
            }
        }
    }

    @Sample
    static class HangsWithoutAnnotation {
        @Test
        void waitsForever() throws Exception {
            new CountDownLatch(1).await();
        }
    }

    @Sample
    @GipcTest(timeout = 0)
    static class NoLimitButOneMethod {
        @Test
        void quickEnough() throws Exception {
            Thread.sleep(50);
        }

        @Test
        @GipcTest(timeout = 200, unit = TimeUnit.MILLISECONDS)
        void limited() throws Exception {
            new CountDownLatch(1).await();
        }
    }

    @Sample
    @GipcTest(timeout = 300, unit = TimeUnit.MILLISECONDS)
    static class HangsInBeforeEach {
        @BeforeEach
        void stuck() throws Exception {
            new CountDownLatch(1).await();
        }

        @Test
        void neverRuns() {}
    }

    @Sample
    @GipcTest(timeout = 200, unit = TimeUnit.MILLISECONDS)
    static class IgnoresInterrupts {
        @Test
        void spins() {
            while (!release) {
                Thread.onSpinWait();
            }
        }
    }

    @Sample
    @GipcTest(timeout = 10)
    static class EndsInTime {
        @Test
        void passes() {}

        @Test
        void failsByItself() {
            throw new IllegalStateException("its own failure");
        }

        @org.junit.jupiter.api.TestFactory
        java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> returnsAFactory() {
            return java.util.stream.Stream.of(org.junit.jupiter.api.DynamicTest.dynamicTest("dynamic", () -> {}));
        }
    }
}
