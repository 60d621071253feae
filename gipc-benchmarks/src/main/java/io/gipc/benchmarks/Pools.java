package io.gipc.benchmarks;

import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker pool ({@code Gipc.pool()}) on the work of a Python pool benchmark: tiny tasks (square an int) on 2
 * workers. Each round starts a pool and times its start to {@code ready()}; then, twice, the round trip of one
 * task (submit, wait, next), 20,000 tasks submitted one by one and then awaited, and a {@code map} of 20,000
 * inputs, eight passes in a row. The first pass runs while the workers' JIT compilers are still at work (as a
 * freshly started pool would); the JIT compilers of both sides are still busy through the fifth or sixth pass (the
 * round trip keeps falling), so the eighth (after about 170,000 tasks on each worker) is the steady state of a pool
 * that has been running a while. The first, second, fourth and eighth are reported. Then it closes the pool.
 */
final class Pools {
    static final int WORKERS = 2;
    static final int ROUND_TRIPS = 3000;
    static final int TASKS = 20_000;
    private static final int WARM_UP = 200;
    private static final long TIMEOUT_S = 120;
    private static final int PASSES = 8;
    /** The passes reported, and their names. */
    private static final int[] REPORTED = {0, 1, 3, 7};

    private Pools() {}

    static int square(int x) {
        return x * x;
    }

    /**
     * The figures of one pass: µs per round trip, the wake-ups of this JVM's threads per round trip (voluntary
     * context switches: a figure the machine's load does not move), tasks/s submitted one by one, the wake-ups per
     * task submitted one by one of this JVM and of the workers (all their threads, summed), tasks/s through map.
     */
    private record Pass(
            double roundTripUs,
            double wakeUpsPerRoundTrip,
            double submitRate,
            double wakeUpsPerTask,
            double workerWakeUpsPerTask,
            double mapRate) {}

    static void run(Settings settings, Report report) throws Exception {
        int rounds = settings.rounds();
        int roundTrips = settings.fixedCount() > 0 ? (int) settings.fixedCount() : ROUND_TRIPS;
        int tasks = settings.fixedCount() > 0 ? (int) settings.fixedCount() : TASKS;
        double[] startMs = new double[rounds];
        Pass[][] passes = new Pass[PASSES][rounds];
        report.line("");
        report.line("### 5. Worker pool: tiny tasks on " + WORKERS + " workers (" + rounds + " rounds, a new pool"
                + " each)");
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            try (GipcPool pool =
                    Gipc.pool().workers(WORKERS).name("bench").maxQueued(tasks).start()) {
                pool.ready().get(TIMEOUT_S, TimeUnit.SECONDS);
                startMs[r] = (System.nanoTime() - t0) / 1e6;
                for (int p = 0; p < PASSES; p++) {
                    passes[p][r] = pass(pool, roundTrips, tasks);
                }
            }
        }
        Report.Figures f = report.new Figures("Start of a " + WORKERS + "-worker pool to `ready()`", "ms", false);
        f.row("`Gipc.pool().workers(2).start()`, then `ready().get()`", 0, startMs);
        String[] names = new String[PASSES];
        names[0] = "first pass (workers' JIT still compiling)";
        names[1] = "second pass";
        names[3] = "fourth pass";
        names[7] = "eighth pass (warm)";
        f = report.new Figures("Round trip of one task: `submit(square, 3).get()`, then the next", "µs", false);
        for (int p : REPORTED) {
            f.row(
                    roundTrips + " round trips after " + WARM_UP + " untimed, " + names[p],
                    0,
                    figure(passes[p], Pass::roundTripUs));
        }
        if (voluntarySwitches() >= 0) {
            f = report
            .new Figures(
                    "Wake-ups of this JVM's threads per round trip (voluntary context switches, all threads)",
                    "",
                    false);
            for (int p : REPORTED) {
                f.row(names[p], 0, figure(passes[p], Pass::wakeUpsPerRoundTrip));
            }
            f = report
            .new Figures(
                    "Wake-ups per task, " + tasks + " submitted one by one (voluntary context switches, all threads)",
                    "",
                    false);
            for (int p : REPORTED) {
                f.row("this JVM, " + names[p], 0, figure(passes[p], Pass::wakeUpsPerTask));
            }
            for (int p : REPORTED) {
                f.row("the " + WORKERS + " workers, " + names[p], 0, figure(passes[p], Pass::workerWakeUpsPerTask));
            }
        }
        f = report.new Figures("Tiny tasks, higher is better", "tasks/s", false);
        for (int p : REPORTED) {
            f.row(
                    tasks + " `submit(square, i)` one by one, then every `get()`, " + names[p],
                    0,
                    figure(passes[p], Pass::submitRate));
        }
        for (int p : REPORTED) {
            f.row("`map(square, " + tasks + " inputs)`, " + names[p], 0, figure(passes[p], Pass::mapRate));
        }
    }

    private static Pass pass(GipcPool pool, int roundTrips, int tasks) throws Exception {
        for (int i = 0; i < Math.min(WARM_UP, roundTrips); i++) {
            check(pool.submit(Pools::square, 3).get(TIMEOUT_S, TimeUnit.SECONDS), 9);
        }
        long switches = voluntarySwitches();
        long t0 = System.nanoTime();
        for (int i = 0; i < roundTrips; i++) {
            check(pool.submit(Pools::square, 3).get(TIMEOUT_S, TimeUnit.SECONDS), 9);
        }
        double roundTripUs = (System.nanoTime() - t0) / 1e3 / roundTrips;
        double wakeUps = (voluntarySwitches() - switches) / (double) roundTrips;

        switches = voluntarySwitches();
        long workerSwitches = workerSwitches(pool);
        t0 = System.nanoTime();
        List<GipcFuture<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            futures.add(pool.submit(Pools::square, i));
        }
        for (int i = 0; i < tasks; i++) {
            check(futures.get(i).get(TIMEOUT_S, TimeUnit.SECONDS), i * i);
        }
        double submitRate = tasks / ((System.nanoTime() - t0) / 1e9);
        double wakeUpsPerTask = (voluntarySwitches() - switches) / (double) tasks;
        double workerWakeUpsPerTask = (workerSwitches(pool) - workerSwitches) / (double) tasks;

        List<Integer> inputs = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            inputs.add(i);
        }
        t0 = System.nanoTime();
        List<Integer> squares = pool.map(Pools::square, inputs).get(TIMEOUT_S, TimeUnit.SECONDS);
        double mapRate = tasks / ((System.nanoTime() - t0) / 1e9);
        for (int i = 0; i < tasks; i++) {
            check(squares.get(i), i * i);
        }
        return new Pass(roundTripUs, wakeUps, submitRate, wakeUpsPerTask, workerWakeUpsPerTask, mapRate);
    }

    /**
     * @return the voluntary context switches of every thread of this JVM so far (each a thread going to sleep and
     *     later woken), from Linux's {@code /proc/self/task/N/status}; -1 where there is no such file
     */
    static long voluntarySwitches() {
        return voluntarySwitches("self");
    }

    /** @return the voluntary context switches of the pool's workers so far, as {@link #voluntarySwitches()} */
    private static long workerSwitches(GipcPool pool) {
        long total = 0;
        for (io.gipc.GProcess worker : pool.workers()) {
            total += Math.max(0, voluntarySwitches(Long.toString(worker.pid())));
        }
        return total;
    }

    private static long voluntarySwitches(String process) {
        java.io.File[] threads = new java.io.File("/proc/" + process + "/task").listFiles();
        if (threads == null) {
            return -1;
        }
        long total = 0;
        for (java.io.File thread : threads) {
            try {
                for (String line : java.nio.file.Files.readAllLines(new java.io.File(thread, "status").toPath())) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        total += Long.parseLong(
                                line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                // the thread ended meanwhile
            }
        }
        return total;
    }

    private static double[] figure(Pass[] passes, java.util.function.ToDoubleFunction<Pass> which) {
        double[] values = new double[passes.length];
        for (int i = 0; i < passes.length; i++) {
            values[i] = which.applyAsDouble(passes[i]);
        }
        return values;
    }

    private static void check(int got, int expected) {
        if (got != expected) {
            throw new IllegalStateException("a task returned " + got + " instead of " + expected);
        }
    }
}
