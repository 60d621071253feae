package io.gipc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark once with tiny counts so that the code cannot rot: children start, messages arrive with
 * the right checksums, the report is printed. It looks at no figure.
 */
class BenchmarksSmokeTest {
    @Test
    void everyBenchmarkRunsOnce() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Benchmarks.run(Settings.smoke(), out);
        }
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        for (String section : new String[] {
            "### 1. Child start-up",
            "### 2. Parent to child",
            "### 3. In one JVM",
            "### 4. A message with a handle",
            "### 5. Worker pool",
            "load average at end"
        }) {
            assertTrue(report.contains(section), "the report lacks '" + section + "':\n" + report);
        }
    }

    @Test
    void argumentsPickSectionsAndCounts() {
        Settings s = Settings.parse("startup", "--rounds=3", "--startup-rounds=4", "--seconds=0.5");
        assertTrue(s.runs("startup") && !s.runs("pipes") && !s.runs("in-jvm") && !s.runs("handles"));
        assertTrue(s.rounds() == 3 && s.startupRounds() == 4 && s.targetSeconds() == 0.5);
        assertTrue(Settings.parse().sections().containsAll(Settings.ALL));
        assertTrue(Settings.parse("--smoke").fixedCount() > 0);
    }
}
