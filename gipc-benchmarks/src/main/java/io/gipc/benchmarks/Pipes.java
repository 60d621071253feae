package io.gipc.benchmarks;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Messages from a parent to a child, gipc against stdin/stdout, and the same gipc code between two threads of
 * one JVM for context.
 */
final class Pipes {
    /** Puts in flight (and gets pending in the sink) in the pipelined variants. */
    static final int WINDOW = 64;

    static final int SMALL = 1;
    static final int LARGE = 64_000;

    private Pipes() {}

    /** Parent to child: a gipc child against a {@code ProcessBuilder} child, side by side. */
    static void parentToChild(Settings settings, Report report) throws Exception {
        PythonGipc python = PythonGipc.fromProperties();
        List<PythonGipc.Run> pythonRuns = new ArrayList<>();
        if (python.available() && settings.fixedCount() == 0) {
            pythonRuns.add(python.run(settings.targetSeconds()));
        }
        byte[] small = Protocol.payload(SMALL);
        byte[] large = Protocol.payload(LARGE);
        GipcPipe<byte[]> data = Gipc.rawPipe();
        GipcPipe<byte[]> back = Gipc.rawPipe();
        GProcess sinkChild = Gipc.startProcess(GipcSide::sink, data.reader(), back.writer());
        GipcDuplexPipe<byte[]> duplex = Gipc.rawDuplexPipe();
        GProcess echoChild = Gipc.startProcess(GipcSide::echo, duplex.second());
        GipcWriter<byte[]> out = data.writer();
        GipcReader<byte[]> in = back.reader();
        GipcDuplex<byte[]> ping = duplex.first();
        try (StdioSide stdioSink = StdioSide.start("sink");
                StdioSide stdioEcho = StdioSide.start("echo")) {
            report.line("");
            report.line("### 2. Parent to child: gipc against stdin/stdout (" + settings.rounds()
                    + " interleaved rounds of about " + settings.targetSeconds() + " s each)");

            Runner.Result r = Runner.interleave(
                    settings,
                    List.of(
                            new Runner.Variant(
                                    "gipc raw pipe, `put(m).join()` each", n -> GipcSide.send(out, in, n, small, 1)),
                            new Runner.Variant(
                                    "stdin, `DataOutputStream`, `flush()` each", n -> stdioSink.send(n, small, true)),
                            new Runner.Variant(
                                    "gipc raw pipe, " + WINDOW + " puts in flight, " + WINDOW + " gets pending",
                                    n -> GipcSide.send(out, in, n, small, WINDOW)),
                            new Runner.Variant(
                                    "stdin, `DataOutputStream`, one `flush()` at the end",
                                    n -> stdioSink.send(n, small, false))));
            Report.Figures f = report
            .new Figures("1-byte messages, parent to child (messages/s, higher is better)", "msg/s", true);
            for (int v = 0; v < 4; v++) {
                f.row(r.variants().get(v).name(), r.counts()[v], r.ratePerSecond(v));
            }
            Report.Ratios ratios = report.new Ratios();
            ratios.row(
                    "gipc `join()` each ÷ stdin `flush()` each", Stats.ratios(r.ratePerSecond(0), r.ratePerSecond(1)));
            ratios.row(
                    "gipc " + WINDOW + " in flight ÷ stdin one `flush()`",
                    Stats.ratios(r.ratePerSecond(2), r.ratePerSecond(3)));
            ratios.row(
                    "gipc " + WINDOW + " in flight ÷ stdin `flush()` each",
                    Stats.ratios(r.ratePerSecond(2), r.ratePerSecond(1)));
            Runner.Result smallResult = r;

            r = Runner.interleave(
                    settings,
                    List.of(
                            new Runner.Variant(
                                    "gipc raw pipe, `put(m).join()` each", n -> GipcSide.send(out, in, n, large, 1)),
                            new Runner.Variant(
                                    "stdin, `DataOutputStream`, `flush()` each", n -> stdioSink.send(n, large, true)),
                            new Runner.Variant(
                                    "gipc raw pipe, " + WINDOW + " puts in flight, " + WINDOW + " gets pending",
                                    n -> GipcSide.send(out, in, n, large, WINDOW))));
            f = report.new Figures("64,000-byte messages, parent to child (MiB/s, higher is better)", "MiB/s", true);
            for (int v = 0; v < 3; v++) {
                f.row(r.variants().get(v).name(), r.counts()[v], r.mibPerSecond(v, LARGE));
            }
            ratios = report.new Ratios();
            ratios.row("gipc `join()` each ÷ stdin", Stats.ratios(r.ratePerSecond(0), r.ratePerSecond(1)));
            ratios.row("gipc " + WINDOW + " in flight ÷ stdin", Stats.ratios(r.ratePerSecond(2), r.ratePerSecond(1)));

            Runner.Result largeResult = r;
            r = Runner.interleave(
                    settings,
                    List.of(
                            new Runner.Variant(
                                    "gipc raw duplex pipe: `put(m)`, `get().join()`",
                                    n -> GipcSide.pingPong(ping, n, small)),
                            new Runner.Variant(
                                    "stdin/stdout: `writeInt`, `write`, `flush()`, `readInt`, `readFully`",
                                    n -> stdioEcho.pingPong(n, small)),
                            new Runner.Variant(
                                    "gipc raw duplex pipe, parent in future callbacks: the get's callback puts the"
                                            + " next message",
                                    n -> GipcSide.pingPongCallbacks(ping, n, small))));
            f = report
            .new Figures("Round trip of a 1-byte message to an echoing child (µs, lower is better)", "µs", true);
            for (int v = 0; v < 3; v++) {
                f.row(r.variants().get(v).name(), r.counts()[v], r.microsEach(v));
            }
            ratios = report.new Ratios();
            ratios.row("gipc ÷ stdin/stdout (time per round trip)", Stats.ratios(r.microsEach(0), r.microsEach(1)));
            ratios.row("gipc from callbacks ÷ stdin/stdout", Stats.ratios(r.microsEach(2), r.microsEach(1)));
            if (python.available() && settings.fixedCount() == 0) {
                pythonRuns.add(python.run(settings.targetSeconds()));
            }
            besidePython(
                    report,
                    python,
                    pythonRuns,
                    smallResult.ratePerSecond(0),
                    largeResult.mibPerSecond(0, LARGE),
                    r.microsEach(0),
                    r.microsEach(2));
        } finally {
            out.put(new byte[0]).join();
            ping.put(new byte[0]).join();
            data.close();
            back.close();
            duplex.close();
            check(sinkChild);
            check(echoChild);
        }
    }

    /**
     * gipc's figures against Python gipc's, run before and after them in the same sitting: for each figure, gipc's
     * median over its rounds divided by each Python run's figure (the lowest and highest such ratio), oriented so
     * that above 1 means gipc is better.
     */
    private static void besidePython(
            Report report,
            PythonGipc python,
            List<PythonGipc.Run> runs,
            double[] smallRate,
            double[] largeMib,
            double[] roundTrip,
            double[] callbackRoundTrip) {
        report.line("");
        report.line("#### Beside Python gipc (same sitting: Python gipc ran before and after the figures above)");
        report.line("");
        if (runs.isEmpty()) {
            report.line("Python gipc not run: " + (python.whyNot().isEmpty() ? "smoke run" : python.whyNot()));
            return;
        }
        report.line("| figure | gipc (median) | Python gipc (each run) | gipc ÷ Python (higher is better) |");
        report.line("| --- | ---: | ---: | ---: |");
        pythonRow(
                report,
                runs,
                "1-byte messages, `put(m).join()` each, child one `get().join()` at a time (msg/s)",
                Stats.median(smallRate),
                "small_msg_per_s",
                false);
        pythonRow(report, runs, "64,000-byte messages, same (MiB/s)", Stats.median(largeMib), "large_mib_per_s", false);
        pythonRow(
                report,
                runs,
                "round trip of 1 byte, a blocked thread on each side (µs)",
                Stats.median(roundTrip),
                "round_trip_us",
                true);
        pythonRow(
                report,
                runs,
                "round trip of 1 byte, parent in future callbacks (µs)",
                Stats.median(callbackRoundTrip),
                "round_trip_us",
                true);
    }

    private static void pythonRow(
            Report report, List<PythonGipc.Run> runs, String what, double gipc, String name, boolean lowerIsBetter) {
        StringBuilder each = new StringBuilder();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (PythonGipc.Run run : runs) {
            double p = run.get(name);
            each.append(each.length() == 0 ? "" : ", ").append(Report.number(p));
            double ratio = lowerIsBetter ? p / gipc : gipc / p;
            lo = Math.min(lo, ratio);
            hi = Math.max(hi, ratio);
        }
        report.line("| " + what + " | " + Report.number(gipc) + " | " + each + " | " + Report.ratio(lo)
                + (runs.size() > 1 ? " to " + Report.ratio(hi) : "") + " |");
    }

    /** The same gipc code between two threads of this JVM. */
    static void inJvm(Settings settings, Report report) throws Exception {
        byte[] small = Protocol.payload(SMALL);
        byte[] large = Protocol.payload(LARGE);
        try (GipcPipe<byte[]> data = Gipc.rawPipe();
                GipcPipe<byte[]> back = Gipc.rawPipe();
                GipcDuplexPipe<byte[]> duplex = Gipc.rawDuplexPipe()) {
            Thread sink = thread("sink", () -> GipcSide.sink(data.reader(), back.writer()));
            Thread echo = thread("echo", () -> GipcSide.echo(duplex.second()));
            GipcWriter<byte[]> out = data.writer();
            GipcReader<byte[]> in = back.reader();
            report.line("");
            report.line("### 3. In one JVM, thread to thread, gipc only (context; " + settings.rounds()
                    + " interleaved rounds)");
            List<Runner.Variant> variants = List.of(
                    new Runner.Variant(
                            "1-byte messages, `put(m).join()` each (msg/s)", n -> GipcSide.send(out, in, n, small, 1)),
                    new Runner.Variant(
                            "1-byte messages, " + WINDOW + " in flight (msg/s)",
                            n -> GipcSide.send(out, in, n, small, WINDOW)),
                    new Runner.Variant(
                            "64,000-byte messages, `put(m).join()` each (MiB/s)",
                            n -> GipcSide.send(out, in, n, large, 1)),
                    new Runner.Variant(
                            "64,000-byte messages, " + WINDOW + " in flight (MiB/s)",
                            n -> GipcSide.send(out, in, n, large, WINDOW)),
                    new Runner.Variant(
                            "round trip of a 1-byte message, raw duplex pipe (µs)",
                            n -> GipcSide.pingPong(duplex.first(), n, small)));
            Runner.Result r = Runner.interleave(settings, variants);
            Report.Figures f = report.new Figures("gipc pipes between two threads", "", true);
            f.row(variants.get(0).name(), r.counts()[0], r.ratePerSecond(0));
            f.row(variants.get(1).name(), r.counts()[1], r.ratePerSecond(1));
            f.row(variants.get(2).name(), r.counts()[2], r.mibPerSecond(2, LARGE));
            f.row(variants.get(3).name(), r.counts()[3], r.mibPerSecond(3, LARGE));
            f.row(variants.get(4).name(), r.counts()[4], r.microsEach(4));
            out.put(new byte[0]).join();
            duplex.first().put(new byte[0]).join();
            sink.join(TimeUnit.SECONDS.toMillis(60));
            echo.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    /** Something a thread runs. */
    private interface Body {
        void run() throws Exception;
    }

    private static Thread thread(String name, Body body) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(name + " failed", e);
                    }
                },
                "bench-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void check(GProcess child) throws Exception {
        Integer code = child.join().get(60, TimeUnit.SECONDS);
        if (code == null || code != 0) {
            throw new IllegalStateException(child.name() + " exited with " + code);
        }
        child.close();
    }
}
