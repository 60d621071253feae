package io.gipc.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How long and how often to measure.
 *
 * @param sections which parts to run: {@code startup}, {@code pipes} (parent to child), {@code in-jvm},
 *        {@code handles}, {@code pools} (a worker pool on tiny tasks)
 * @param targetSeconds how long one timed run of a message benchmark should take
 * @param rounds how many interleaved timed runs of each message variant
 * @param startupWarmups how many untimed start-up rounds first
 * @param startupRounds how many timed start-up rounds
 * @param fixedCount if above 0, every message run uses this many messages and nothing is calibrated (smoke test)
 */
public record Settings(
        Set<String> sections,
        double targetSeconds,
        int rounds,
        int startupWarmups,
        int startupRounds,
        long fixedCount) {
    /** Every section. */
    public static final List<String> ALL = List.of("startup", "pipes", "in-jvm", "handles", "pools");

    /**
     * The full run: about a second per timed run, five interleaved rounds per message variant, two warm-up and
     * ten timed start-up rounds.
     *
     * @return the settings
     */
    public static Settings full() {
        return new Settings(new LinkedHashSet<>(ALL), 1.0, 5, 2, 10, 0);
    }

    /**
     * Every benchmark once, with tiny counts: checks that the code works, measures nothing.
     *
     * @return the settings
     */
    public static Settings smoke() {
        return new Settings(new LinkedHashSet<>(ALL), 0.0, 1, 0, 1, 16);
    }

    /**
     * Whether a section runs.
     *
     * @param section a name from {@link #ALL}
     * @return true if it runs
     */
    public boolean runs(String section) {
        return sections.contains(section);
    }

    /**
     * The settings a command line asks for: section names pick sections (default all), {@code --rounds=N},
     * {@code --startup-rounds=N}, {@code --seconds=S} change the counts, {@code --smoke} runs everything once
     * with tiny counts.
     *
     * @param args the arguments
     * @return the settings
     */
    public static Settings parse(String... args) {
        Settings s = full();
        Set<String> sections = new LinkedHashSet<>();
        for (String a : args) {
            if (a.isBlank()) {
                continue;
            }
            if (a.equals("--smoke")) {
                Settings q = smoke();
                s = new Settings(
                        s.sections, q.targetSeconds, q.rounds, q.startupWarmups, q.startupRounds, q.fixedCount);
            } else if (a.startsWith("--rounds=")) {
                s = new Settings(
                        s.sections,
                        s.targetSeconds,
                        Integer.parseInt(value(a)),
                        s.startupWarmups,
                        s.startupRounds,
                        s.fixedCount);
            } else if (a.startsWith("--startup-rounds=")) {
                s = new Settings(
                        s.sections,
                        s.targetSeconds,
                        s.rounds,
                        s.startupWarmups,
                        Integer.parseInt(value(a)),
                        s.fixedCount);
            } else if (a.startsWith("--seconds=")) {
                s = new Settings(
                        s.sections,
                        Double.parseDouble(value(a)),
                        s.rounds,
                        s.startupWarmups,
                        s.startupRounds,
                        s.fixedCount);
            } else if (ALL.contains(a)) {
                sections.add(a);
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'; expected " + ALL
                        + ", --rounds=N, --startup-rounds=N, --seconds=S or --smoke");
            }
        }
        if (!sections.isEmpty()) {
            s = new Settings(sections, s.targetSeconds, s.rounds, s.startupWarmups, s.startupRounds, s.fixedCount);
        }
        return s;
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
