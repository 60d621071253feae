package io.gipc.benchmarks;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A message carrying one handle against the same message without it: the round trip of a one-element list to an
 * echo that sends each message back as it got it, in a child and on a thread of this JVM. With a handle, each
 * trip reserves it, sends its descriptor with the message, closes the sender's copy and rebuilds it as a new
 * channel on the other side, twice.
 */
public final class Handles {
    private Handles() {}

    /**
     * The echo: sends back each message it gets, the handles in it too, until it gets {@code "stop"}.
     *
     * @param d its end of a duplex pipe
     */
    public static void echo(GipcDuplex<Object> d) {
        while (true) {
            Object m = d.get().join();
            if ("stop".equals(m)) {
                return;
            }
            d.put(m).join();
        }
    }

    static void run(Settings settings, Report report) throws Exception {
        GipcDuplexPipe<Object> toChild = Gipc.duplexPipe();
        GProcess child = Gipc.startProcess(Handles::echo, toChild.second());
        GipcDuplexPipe<Object> toThread = Gipc.duplexPipe();
        Thread thread = new Thread(() -> echo(toThread.second()), "bench-handle-echo");
        thread.setDaemon(true);
        thread.start();
        GipcPipe<String> carried = Gipc.pipe();
        GipcHandle[] traveller = {carried.writer()};
        try {
            report.line("");
            report.line("### 4. A message with a handle against one without (" + settings.rounds()
                    + " interleaved rounds)");
            List<Runner.Variant> variants = List.of(
                    new Runner.Variant("child: a list of one string", n -> pingPong(toChild.first(), n, null)),
                    new Runner.Variant("child: a list of one writer", n -> pingPong(toChild.first(), n, traveller)),
                    new Runner.Variant("thread: a list of one string", n -> pingPong(toThread.first(), n, null)),
                    new Runner.Variant("thread: a list of one writer", n -> pingPong(toThread.first(), n, traveller)));
            Runner.Result r = Runner.interleave(settings, variants);
            Report.Figures f =
                    report.new Figures("Round trip of a default-codec message (µs, lower is better)", "µs", true);
            for (int v = 0; v < 4; v++) {
                f.row(variants.get(v).name(), r.counts()[v], r.microsEach(v));
            }
            Report.Ratios ratios = report.new Ratios();
            ratios.row(
                    "child: with a handle ÷ without (time per round trip)",
                    Stats.ratios(r.microsEach(1), r.microsEach(0)));
            ratios.row(
                    "thread: with a handle ÷ without (time per round trip)",
                    Stats.ratios(r.microsEach(3), r.microsEach(2)));
        } finally {
            toChild.first().put("stop").join();
            toThread.first().put("stop").join();
            Integer code = child.join().get(60, TimeUnit.SECONDS);
            thread.join(TimeUnit.SECONDS.toMillis(60));
            traveller[0].close();
            carried.close();
            toChild.close();
            toThread.close();
            child.close();
            if (code == null || code != 0) {
                throw new IllegalStateException(child.name() + " exited with " + code);
            }
        }
    }

    /** {@code count} round trips of a one-element list: the travelling handle if given, else a string. */
    private static double pingPong(GipcDuplex<Object> d, long count, GipcHandle[] traveller) {
        long t0 = System.nanoTime();
        for (long i = 0; i < count; i++) {
            List<Object> m = new ArrayList<>(1);
            m.add(traveller == null ? "x" : traveller[0]);
            GipcFuture<Void> put = d.put(m);
            List<?> back = (List<?>) d.get().join();
            put.join();
            if (traveller != null) {
                traveller[0] = (GipcHandle) back.get(0);
            } else if (!"x".equals(back.get(0))) {
                throw new IllegalStateException("the echo sent back " + back);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
