package io.gipc.benchmarks;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.netty.internal.process.ChildCommand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child start-up, one process at a time, each started and waited for:
 * <ol>
 *   <li>{@code Gipc.startProcess(trivial).join()};</li>
 *   <li>{@code ProcessBuilder}: {@code java -cp <the same class path> Hello}, waited for;</li>
 *   <li>{@code ProcessBuilder} starting the very command line gipc builds for its children (same {@code java},
 *       class path through the same argument file, the JVM options a child inherits and the ones gipc adds),
 *       with {@code Hello} in place of gipc's launcher: gipc's child minus gipc;</li>
 *   <li>for context, {@code Gipc.process(trivial).jvmOptions(...)} with options that make short-lived JVMs
 *       start sooner (C1 only, serial GC, Netty's unpooled allocator).</li>
 * </ol>
 * After the warm-up rounds the variants run interleaved, A B C D A B C D ...
 */
final class Startup {
    /** The options of the last variant. */
    static final String[] LIGHT = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dio.netty.allocator.type=unpooled"};
    private static final long TIMEOUT_S = 120;

    private Startup() {
    }

    static void run(Settings settings, Report report) throws Exception {
        List<String> bare = List.of(StdioSide.javaExecutable().toString(), "-cp",
                System.getProperty("java.class.path"), Hello.class.getName());
        List<String> gipcCommand = new ArrayList<>(ChildCommand.build(ChildCommand.currentJava(),
                ChildCommand.currentClasspath(), ChildCommand.inheritedJvmOptions(), List.of(), 0));
        if (!gipcCommand.get(gipcCommand.size() - 1).equals(ChildCommand.LAUNCHER_MAIN)) {
            throw new IllegalStateException("gipc's child command line no longer ends with its launcher: "
                    + gipcCommand);
        }
        gipcCommand.set(gipcCommand.size() - 1, Hello.class.getName());

        List<Runner.Variant> variants = List.of(
                new Runner.Variant("A. `Gipc.startProcess(trivial).join()`", n -> gipc(new String[0])),
                new Runner.Variant("B. `ProcessBuilder`: `java -cp <same class path> Hello`, `waitFor()`",
                        n -> processBuilder(bare)),
                new Runner.Variant("C. `ProcessBuilder`: gipc's child command line, `Hello` as main, `waitFor()`",
                        n -> processBuilder(gipcCommand)),
                new Runner.Variant("D. as A, child options `" + String.join(" ", LIGHT) + "`", n -> gipc(LIGHT)));

        for (int w = 0; w < settings.startupWarmups(); w++) {
            for (Runner.Variant v : variants) {
                v.workload().run(1);
            }
        }
        Settings rounds = new Settings(settings.sections(), 0, settings.startupRounds(), 0, 0, 1);
        Runner.Result r = Runner.interleave(rounds, variants);

        report.line("");
        report.line("### 1. Child start-up (" + settings.startupWarmups() + " warm-up rounds, then "
                + settings.startupRounds() + " interleaved rounds)");
        Report.Figures f = report.new Figures("Start and wait for a child that does nothing", "ms", false);
        double[][] ms = new double[variants.size()][];
        for (int v = 0; v < variants.size(); v++) {
            ms[v] = r.microsEach(v);
            for (int i = 0; i < ms[v].length; i++) {
                ms[v][i] /= 1000;
            }
            f.row(variants.get(v).name(), 0, ms[v]);
        }
        Report.Ratios ratios = report.new Ratios();
        ratios.row("A ÷ B (gipc child ÷ bare `java Hello`)", Stats.ratios(ms[0], ms[1]));
        ratios.row("A ÷ C (gipc child ÷ the same JVM command line started by `ProcessBuilder`)",
                Stats.ratios(ms[0], ms[2]));
        ratios.row("C ÷ B (gipc's JVM options and argument file ÷ bare)", Stats.ratios(ms[2], ms[1]));
        ratios.row("D ÷ A (lighter child options ÷ default)", Stats.ratios(ms[3], ms[0]));
    }

    private static double gipc(String[] options) throws Exception {
        long t0 = System.nanoTime();
        GProcess p = Gipc.process(GipcSide::trivial).jvmOptions(options).start();
        Integer code = p.join().get(TIMEOUT_S, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (code == null || code != 0) {
            throw new IllegalStateException("the trivial gipc child exited with " + code);
        }
        p.close();
        return seconds;
    }

    private static double processBuilder(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the child did not end: " + command);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the child exited with " + p.exitValue() + ": " + command);
        }
        return seconds;
    }
}
