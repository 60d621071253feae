package io.gipc.netty.properties;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-based tests of one pipe: random interleavings of {@code put()}, {@code get()}, {@code get(timeout)},
 * {@code cancel()} and {@code close()}, each case a program drawn from a seed (docs/testing.md, "Property-based
 * tests"). Whatever the interleaving and the timing, every message arrives once, whole and in order, or the
 * operation fails with the exception docs/errors.md gives; nothing stays locked or open. A failure names its seed
 * and shows the program; {@code -Dgipc.properties.seed=N} runs that case alone.
 *
 * <p>The test kit's leak check runs after each case, and each case checks itself that it left no handle open.
 */
class PipePropertiesTest {
    /** Cases in one JVM when {@value Seeds#CASES_PROPERTY} does not say. */
    static final int CASES = 500;
    /** Cases across a process when {@value Seeds#PROCESS_CASES_PROPERTY} does not say: each starts a child JVM. */
    static final int PROCESS_CASES = 20;

    static LongStream inOneJvmSeeds() {
        return Seeds.draw(Seeds.CASES_PROPERTY, CASES);
    }

    static LongStream acrossProcessesSeeds() {
        return Seeds.draw(Seeds.PROCESS_CASES_PROPERTY, PROCESS_CASES);
    }

    /** A random program on a simplex or duplex pipe, raw or with the default codec, in this JVM. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("inOneJvmSeeds")
    void inOneJvm(long seed) {
        ProgramRunner.run(ProgramGenerator.draw(seed));
    }

    /**
     * A random program split between this JVM and a child, both drawing it from the same seed: the child writes and
     * this JVM reads, or the other way round, or this JVM reads the first part and hands the reader to the child.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("acrossProcessesSeeds")
    void acrossProcesses(long seed) throws Exception {
        AcrossProcesses.run(seed);
    }
}
