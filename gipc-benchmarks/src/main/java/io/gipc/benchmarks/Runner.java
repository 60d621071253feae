package io.gipc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs variants the same way: each is calibrated (N doubles until a run takes a quarter of the target time,
 * then N is scaled so that a run takes about the target time; these runs are the warm-up), then every variant
 * runs once per round, A B C, B C A, C A B, ..., so that a change in the machine's load hits all of them alike and
 * none always follows the same other one.
 */
final class Runner {
    /** A named workload. */
    record Variant(String name, Workload workload) {}

    /** What {@link #interleave} measured: per variant, N and the seconds of each round. */
    record Result(List<Variant> variants, long[] counts, double[][] seconds) {
        /** Operations per second of variant {@code v}, one value per round. */
        double[] ratePerSecond(int v) {
            double[] r = new double[seconds[v].length];
            for (int i = 0; i < r.length; i++) {
                r[i] = counts[v] / seconds[v][i];
            }
            return r;
        }

        /** Bytes per second of variant {@code v} in MiB/s, for messages of {@code size} bytes. */
        double[] mibPerSecond(int v, int size) {
            double[] r = ratePerSecond(v);
            for (int i = 0; i < r.length; i++) {
                r[i] = r[i] * size / (1 << 20);
            }
            return r;
        }

        /** Microseconds per operation of variant {@code v}, one value per round. */
        double[] microsEach(int v) {
            double[] r = new double[seconds[v].length];
            for (int i = 0; i < r.length; i++) {
                r[i] = seconds[v][i] / counts[v] * 1e6;
            }
            return r;
        }
    }

    private Runner() {}

    static Result interleave(Settings settings, List<Variant> variants) throws Exception {
        long[] counts = new long[variants.size()];
        for (int v = 0; v < variants.size(); v++) {
            counts[v] = settings.fixedCount() > 0
                    ? settings.fixedCount()
                    : calibrate(variants.get(v).workload(), settings.targetSeconds());
        }
        double[][] seconds = new double[variants.size()][settings.rounds()];
        for (int r = 0; r < settings.rounds(); r++) {
            for (int i = 0; i < variants.size(); i++) {
                int v = rotated(i, r, variants.size());
                seconds[v][r] = variants.get(v).workload().run(counts[v]);
            }
        }
        return new Result(new ArrayList<>(variants), counts, seconds);
    }

    /**
     * The variant to run {@code i}-th in round {@code r}: each round starts one variant later (A B C, B C A, C A B,
     * ...), so that no variant always runs right after the same other one (a child JVM that just exited still
     * costs the machine some work).
     */
    static int rotated(int i, int round, int variants) {
        return (i + round) % variants;
    }

    /**
     * N for a run of about {@code target} seconds. A first pass doubles N from 1 until a run takes a quarter of
     * the target: it warms up (class loading, the JIT, a child's first messages), and its first runs are too slow
     * to go by. A second pass, warm, doubles again from a sixteenth of that N; N is then scaled to the target.
     */
    static long calibrate(Workload w, double target) throws Exception {
        long warm = doubleUntil(w, 1, target / 4)[0];
        long[] found = doubleUntil(w, Math.max(1, warm / 16), target / 4);
        return Math.max(1, Math.round(found[0] * target / (found[1] / 1e9)));
    }

    /** Doubles N until a run takes {@code seconds}; returns N and that run's time in nanoseconds. */
    private static long[] doubleUntil(Workload w, long start, double seconds) throws Exception {
        long n = start;
        while (true) {
            double t = w.run(n);
            if (t >= seconds || n >= (1L << 30)) {
                return new long[] {n, Math.max(1, Math.round(t * 1e9))};
            }
            n *= 2;
        }
    }
}
