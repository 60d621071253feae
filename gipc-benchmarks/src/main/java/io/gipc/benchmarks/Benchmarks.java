package io.gipc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Runs every benchmark in one JVM, on one machine, side by side, and prints the figures and their ratios as
 * Markdown: {@code ./mvnw -B -q -pl gipc-benchmarks -am -DskipTests -Pbench verify}. What is measured and how to
 * read it: docs/benchmarks.md.
 *
 * <p>Arguments (through {@code -Dbench.args="..."}): section names ({@code startup}, {@code pipes},
 * {@code in-jvm}, {@code handles}, {@code pools}; default all), {@code --rounds=N}, {@code --startup-rounds=N},
 * {@code --seconds=S},
 * {@code --smoke}.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /**
     * Runs the benchmarks.
     *
     * @param args see the class description
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        run(Settings.parse(args), System.out);
        System.exit(0);
    }

    /**
     * Runs the benchmarks the settings ask for.
     *
     * @param settings what to run
     * @param out where the report goes
     * @throws Exception if a benchmark fails (a wrong checksum or exit code included)
     */
    public static void run(Settings settings, PrintStream out) throws Exception {
        Report report = new Report(out);
        long t0 = System.nanoTime();
        report.line("## gipc benchmarks, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        report.line("");
        report.line("- JDK: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        report.line("- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        report.line("- JVM options of this JVM (gipc children inherit them): "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        report.line("- load average at start: " + loadAverage());
        if (settings.fixedCount() > 0) {
            report.line("- smoke run: every benchmark once with tiny counts; these figures mean nothing");
        }
        if (settings.runs("startup")) {
            report.line("");
            report.line("- load average before this section: " + loadAverage());
            Startup.run(settings, report);
        }
        if (settings.runs("pipes")) {
            report.line("");
            report.line("- load average before this section: " + loadAverage());
            Pipes.parentToChild(settings, report);
        }
        if (settings.runs("in-jvm")) {
            report.line("");
            report.line("- load average before this section: " + loadAverage());
            Pipes.inJvm(settings, report);
        }
        if (settings.runs("handles")) {
            report.line("");
            report.line("- load average before this section: " + loadAverage());
            Handles.run(settings, report);
        }
        if (settings.runs("pools")) {
            report.line("");
            report.line("- load average before this section: " + loadAverage());
            Pools.run(settings, report);
        }
        report.line("");
        report.line(String.format(
                Locale.ROOT,
                "- load average at end: %s; whole run %.0f s",
                loadAverage(),
                (System.nanoTime() - t0) / 1e9));
    }

    /** The 1, 5 and 15 minute load averages where the OS says them, else the JVM's 1 minute figure. */
    static String loadAverage() {
        Path proc = Path.of("/proc/loadavg");
        if (Files.isReadable(proc)) {
            try {
                String[] f =
                        Files.readString(proc, StandardCharsets.US_ASCII).trim().split("\\s+");
                return f[0] + ", " + f[1] + ", " + f[2] + " (1, 5, 15 min)";
            } catch (IOException e) {
                // fall through
            }
        }
        return String.format(
                Locale.ROOT,
                "%.2f (1 min)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
