package io.gipc.benchmarks;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.netty.internal.process.ChildCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Child start-up, one process at a time, each started and waited for. Every child gets the same class path: this
 * JVM's, with each directory of classes put in a jar first (the JVM archives classes from jars only, and gipc's
 * class-data archives are what the default child start-up is about). gipc's cache directory is a fresh temporary
 * one, so the run first shows the first two children of an empty cache: the first builds the archive as it
 * exits, the second maps it.
 * <ol type="A">
 *   <li>{@code Gipc.startProcess(trivial).join()}, the archive in place;</li>
 *   <li>{@code ProcessBuilder}: {@code java -cp <the same class path> Hello}, {@code waitFor()};</li>
 *   <li>{@code ProcessBuilder} starting the very command line gipc builds for its children (same {@code java},
 *       class path through the same argument file, the JVM options a child inherits and the ones gipc adds),
 *       with {@code Hello} in place of gipc's launcher, without the archive: gipc's child minus gipc;</li>
 *   <li>for context, A with child options that make short-lived JVMs start sooner (C1 only, serial GC, Netty's
 *       unpooled allocator), through {@code Gipc.process(trivial).jvmOptions(...)};</li>
 *   <li>A and B again with a target and main that write the time they began to a file: where the time goes,
 *       before the target or main runs and after it;</li>
 *   <li>C with a main that opens and closes a gipc pipe, then writes the time: the exit of a JVM that used gipc
 *       (its event loops idle), against F's;</li>
 *   <li>A without the archive ({@code -Dio.gipc.classDataSharing=false} in the parent).</li>
 * </ol>
 * After the warm-up rounds the variants run interleaved, each round starting one later: A B C D E F G H, B C D E F G
 * H A, ... For A it also records how long {@code startProcess} itself took: how long it blocks its caller. Last,
 * children taken from a spare ({@code Gipc.spares(1)}): I, start and join; J, start to the target running.
 */
final class Startup {
    /** The child options of variant D. */
    static final String[] LIGHT = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dio.netty.allocator.type=unpooled"};

    private static final long TIMEOUT_S = 120;
    private static final String CACHE_DIR = "io.gipc.cacheDir";
    private static final String SHARING = "io.gipc.classDataSharing";

    /**
     * Waits until the first child's archive is published: on JDK 25 and later the parent makes the AOT cache in the
     * background after that child's end (see docs/processes.md), and the second child is meant to map it.
     */
    private static void awaitPublishedArchive(Path cds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(cds)) {
                try (Stream<Path> files = Files.list(cds)) {
                    if (files.anyMatch(f -> f.getFileName().toString().endsWith(".ref"))) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
    }

    /**
     * One way to start a child; returns {total seconds, seconds until its code began (NaN if not known), seconds
     * the start call took (NaN if not gipc's)}.
     */
    private interface Start {
        double[] run() throws Exception;
    }

    private record Variant(String name, Start start) {}

    private Startup() {}

    static void run(Settings settings, Report report) throws Exception {
        Path scratch = Files.createTempDirectory("gipc-bench-startup-");
        String cacheBefore = System.getProperty(CACHE_DIR);
        System.setProperty(CACHE_DIR, scratch.resolve("cache").toString());
        try {
            run(
                    settings,
                    report,
                    JarredClassPath.of(ChildCommand.currentClasspath(), scratch.resolve("jars")),
                    scratch);
        } finally {
            if (cacheBefore == null) {
                System.clearProperty(CACHE_DIR);
            } else {
                System.setProperty(CACHE_DIR, cacheBefore);
            }
            JarredClassPath.deleteTree(scratch);
        }
    }

    private static void run(Settings settings, Report report, List<String> classpath, Path scratch) throws Exception {
        String hello = Hello.class.getName();
        List<String> bare = List.of(
                StdioSide.javaExecutable().toString(),
                "-cp",
                String.join(java.io.File.pathSeparator, classpath),
                hello);
        List<String> gipcCommand = new ArrayList<>(ChildCommand.build(
                ChildCommand.currentJava(), classpath, ChildCommand.inheritedJvmOptions(), List.of(), 0));
        if (!gipcCommand.get(gipcCommand.size() - 1).equals(ChildCommand.LAUNCHER_MAIN)) {
            throw new IllegalStateException(
                    "gipc's child command line no longer ends with its launcher: " + gipcCommand);
        }
        gipcCommand.set(gipcCommand.size() - 1, hello);
        List<String> usingGipc = new ArrayList<>(gipcCommand);
        usingGipc.add("--use-gipc");
        Path stampFile = scratch.resolve("stamp.txt");

        double[] firstChild = gipc(classpath, new String[0]);
        awaitPublishedArchive(scratch.resolve("cache").resolve("cds"));
        double[] secondChild = gipc(classpath, new String[0]);

        List<Variant> variants = List.of(
                new Variant(
                        "A. `Gipc.startProcess(trivial).join()`, class-data archive in place",
                        () -> gipc(classpath, new String[0])),
                new Variant(
                        "B. `ProcessBuilder`: `java -cp <same class path> Hello`, `waitFor()`",
                        () -> processBuilder(bare)),
                new Variant(
                        "C. `ProcessBuilder`: gipc's child command line with `Hello` as main, `waitFor()`",
                        () -> processBuilder(gipcCommand)),
                new Variant("D. A with child options `" + String.join(" ", LIGHT) + "`", () -> gipc(classpath, LIGHT)),
                new Variant("E. A, target writes a time stamp", () -> gipcStamped(classpath, stampFile)),
                new Variant("F. B, main writes a time stamp", () -> processBuilderStamped(bare, stampFile)),
                new Variant(
                        "G. C, main opens and closes a gipc pipe, then writes a time stamp",
                        () -> processBuilderStamped(usingGipc, stampFile)),
                new Variant(
                        "H. A without the archive (`-Dio.gipc.classDataSharing=false`)",
                        () -> withoutArchive(classpath)));

        for (int w = 0; w < settings.startupWarmups(); w++) {
            for (Variant v : variants) {
                v.start().run();
            }
        }
        int rounds = settings.startupRounds();
        double[][] totalMs = new double[variants.size()][rounds];
        double[][] untilCodeMs = new double[variants.size()][rounds];
        double[] startCallMs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < variants.size(); i++) {
                int v = Runner.rotated(i, r, variants.size());
                double[] t = variants.get(v).start().run();
                totalMs[v][r] = t[0] * 1000;
                untilCodeMs[v][r] = t[1] * 1000;
                if (v == 0) {
                    startCallMs[r] = t[2] * 1000;
                }
            }
        }

        report.line("");
        report.line("### 1. Child start-up (" + settings.startupWarmups() + " warm-up rounds, then " + rounds
                + " interleaved rounds)");
        report.line("");
        report.line("An empty cache: the first child (builds the class-data archive as it exits) "
                + Report.number(firstChild[0] * 1000) + " ms, the second (maps it) "
                + Report.number(secondChild[0] * 1000) + " ms; `startProcess` itself took "
                + Report.number(firstChild[2] * 1000) + " ms for the first child of this JVM.");
        Report.Figures f = report.new Figures("Start a child that does nothing and wait for its end", "ms", false);
        for (int v : new int[] {0, 7, 1, 2, 3}) {
            f.row(variants.get(v).name(), 0, totalMs[v]);
        }
        Report.Ratios ratios = report.new Ratios();
        ratios.row("A ÷ B (gipc child ÷ bare `java Hello`)", Stats.ratios(totalMs[0], totalMs[1]));
        ratios.row("H ÷ B (gipc child without the archive ÷ bare `java Hello`)", Stats.ratios(totalMs[7], totalMs[1]));
        ratios.row("A ÷ H (with the archive ÷ without)", Stats.ratios(totalMs[0], totalMs[7]));
        ratios.row(
                "A ÷ C (gipc child ÷ its own JVM command line started by `ProcessBuilder`)",
                Stats.ratios(totalMs[0], totalMs[2]));
        ratios.row("C ÷ B (gipc's JVM options and argument file ÷ bare)", Stats.ratios(totalMs[2], totalMs[1]));
        ratios.row("D ÷ A (lighter child options ÷ default)", Stats.ratios(totalMs[3], totalMs[0]));

        f = report.new Figures("How long `startProcess` blocks its caller (A: the call, not the child)", "ms", false);
        f.row("A. `Gipc.process(trivial).classpath(...).start()`", 0, startCallMs);

        f = report.new Figures("Where the time goes (E, F, G: wall clock of parent and child)", "ms", false);
        String[] stamped = {"target running", "main running", "main's pipe closed"};
        for (int v = 4; v < 7; v++) {
            double[] after = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                after[r] = totalMs[v][r] - untilCodeMs[v][r];
            }
            String stamp = stamped[v - 4];
            f.row(variants.get(v).name() + ": start to " + stamp, 0, untilCodeMs[v]);
            f.row(variants.get(v).name() + ": " + stamp + " to end seen by the parent", 0, after);
            f.row(variants.get(v).name() + ": total", 0, totalMs[v]);
        }
        double[] exitG = new double[rounds];
        double[] exitF = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            exitG[r] = totalMs[6][r] - untilCodeMs[6][r];
            exitF[r] = totalMs[5][r] - untilCodeMs[5][r];
        }
        ratios = report.new Ratios();
        ratios.row(
                "G ÷ F, stamp to end (the exit of a JVM that used gipc ÷ one that did not)",
                Stats.ratios(exitG, exitF));

        spares(rounds, report);
    }

    /**
     * Children taken from a spare ({@code Gipc.spares(1)}, ready before each start; the wait for it is not timed):
     * {@code startProcess} + {@code join} of the trivial target, and {@code startProcess} to the target running;
     * then the resident set of an idle spare. Spares serve default starts only, so these children get this JVM's
     * own class path.
     */
    private static void spares(int rounds, Report report) throws Exception {
        double[] totalMs = new double[rounds];
        double[] untilTargetMs = new double[rounds];
        double[] startCallMs = new double[rounds];
        try {
            for (int r = -1; r < rounds; r++) {
                Gipc.spares(1).get(TIMEOUT_S, TimeUnit.SECONDS);
                long t0 = System.nanoTime();
                GProcess p = Gipc.startProcess(GipcSide::trivial);
                long started = System.nanoTime();
                joined(p);
                long t1 = System.nanoTime();
                Gipc.spares(1).get(TIMEOUT_S, TimeUnit.SECONDS);
                try (GipcPipe<Object> began = Gipc.pipe()) {
                    long t2 = System.nanoTime();
                    GProcess q = Gipc.startProcess(GipcSide::nanoStamp, began.writer());
                    long running = (Long) began.reader().get().get(TIMEOUT_S, TimeUnit.SECONDS);
                    joined(q);
                    if (r >= 0) {
                        totalMs[r] = (t1 - t0) / 1e6;
                        startCallMs[r] = (started - t0) / 1e6;
                        untilTargetMs[r] = (running - t2) / 1e6;
                    }
                }
            }
            Gipc.spares(1).get(TIMEOUT_S, TimeUnit.SECONDS);
            long rssKiB = ProcessHandle.current()
                    .children()
                    .mapToLong(Startup::residentKiB)
                    .max()
                    .orElse(-1);
            Report.Figures f = report
            .new Figures("With a spare child ready (`Gipc.spares(1)`, " + rounds + " rounds)", "ms", false);
            f.row("I. `Gipc.startProcess(trivial).join()`", 0, totalMs);
            f.row("I. `startProcess` call alone (blocks its caller)", 0, startCallMs);
            f.row("J. `startProcess` to the target running", 0, untilTargetMs);
            report.line("");
            report.line("Resident set of an idle spare (VmRSS): " + (rssKiB / 1024) + " MiB.");
        } finally {
            Gipc.spares(0).get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    /** A process's resident set in KiB, from {@code /proc/<pid>/status}; -1 if unknown. */
    private static long residentKiB(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or it ended
        }
        return -1;
    }

    private static double[] gipc(List<String> classpath, String[] options) throws Exception {
        long t0 = System.nanoTime();
        GProcess p = Gipc.process(GipcSide::trivial)
                .classpath(classpath)
                .jvmOptions(options)
                .start();
        long started = System.nanoTime();
        joined(p);
        return new double[] {(System.nanoTime() - t0) / 1e9, Double.NaN, (started - t0) / 1e9};
    }

    private static double[] withoutArchive(List<String> classpath) throws Exception {
        System.setProperty(SHARING, "false");
        try {
            return gipc(classpath, new String[0]);
        } finally {
            System.clearProperty(SHARING);
        }
    }

    private static double[] gipcStamped(List<String> classpath, Path stampFile) throws Exception {
        Files.deleteIfExists(stampFile);
        long wall0 = System.currentTimeMillis();
        long t0 = System.nanoTime();
        GProcess p = Gipc.process(GipcSide::stamp)
                .classpath(classpath)
                .args(stampFile.toString())
                .start();
        joined(p);
        double total = (System.nanoTime() - t0) / 1e9;
        return new double[] {total, untilStamp(stampFile, wall0)};
    }

    private static void joined(GProcess p) throws Exception {
        Integer code = p.join().get(TIMEOUT_S, TimeUnit.SECONDS);
        if (code == null || code != 0) {
            throw new IllegalStateException("the gipc child exited with " + code);
        }
        p.close();
    }

    private static double[] processBuilder(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        waited(
                new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start(),
                command);
        return new double[] {(System.nanoTime() - t0) / 1e9, Double.NaN};
    }

    private static double[] processBuilderStamped(List<String> command, Path stampFile)
            throws IOException, InterruptedException {
        Files.deleteIfExists(stampFile);
        List<String> withFile = new ArrayList<>(command);
        withFile.add(stampFile.toString());
        long wall0 = System.currentTimeMillis();
        long t0 = System.nanoTime();
        waited(
                new ProcessBuilder(withFile)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start(),
                withFile);
        double total = (System.nanoTime() - t0) / 1e9;
        return new double[] {total, untilStamp(stampFile, wall0)};
    }

    private static void waited(Process p, List<String> command) throws InterruptedException {
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the child did not end: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the child exited with " + p.exitValue() + ": " + command);
        }
    }

    /** Seconds from {@code wall0} (ms) to the time stamp the child wrote. */
    private static double untilStamp(Path stampFile, long wall0) throws IOException {
        long stamp = Long.parseLong(
                Files.readString(stampFile, StandardCharsets.US_ASCII).trim());
        return (stamp - wall0) / 1e3;
    }
}
