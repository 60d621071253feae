package io.gipc.examples.ports;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.examples.support.Args;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Python gipc's {@code examples/gipc_benchmark.py}: a child writes N messages into a pipe, the parent reads
 * them; N doubles until one run takes at least a second, then that N is run again a few times and the mean and
 * its standard error are printed. Once with 64,000-byte messages (throughput), once with 1-byte messages
 * (messages per second).
 *
 * <p>As in the original, a SYN/ACK exchange over a second pipe starts each run, and the clock runs from the ACK
 * to the last message. One difference: the original starts a child per run; a JVM takes a few hundred
 * milliseconds to start, so here one child serves every run of a message size, told N for each by the SYN
 * message.
 *
 * <pre>./mvnw -B -q -Pexample -Dexample=benchmark -DskipTests verify</pre>
 *
 * Options: {@code --min-seconds=1.0} (a run at least this long fixes N), {@code --repetitions=3}.
 */
public final class Benchmark {
    /** The message sizes of the original: one for throughput, one for the rate of small messages. */
    static final int[] SIZES = {64_000, 1};
    /** The child waits for the written-to-the-OS future of every this-many-th message (see {@link #writer}). */
    private static final int WINDOW = 64;

    private Benchmark() {}

    /**
     * One message size's outcome.
     *
     * @param messageLength bytes per message
     * @param n messages per run
     * @param seconds each repetition's read duration
     */
    public record Result(int messageLength, long n, double[] seconds) {
        /**
         * The mean read duration.
         *
         * @return seconds
         */
        public double mean() {
            return Arrays.stream(seconds).average().orElse(0);
        }

        /**
         * The standard error of the mean, as the original computes it ({@code std / sqrt(n - 1)}).
         *
         * @return seconds
         */
        public double error() {
            if (seconds.length < 2) {
                return 0;
            }
            double mean = mean();
            double variance =
                    Arrays.stream(seconds).map(s -> (s - mean) * (s - mean)).sum() / seconds.length;
            return Math.sqrt(variance) / Math.sqrt(seconds.length - 1);
        }
    }

    /**
     * Tells the child to write a run: {@code n} messages of {@code length} bytes.
     *
     * @param n how many messages
     * @param length bytes each
     */
    record Syn(long n, int length) {}

    /**
     * Runs the example.
     *
     * @param args {@code --min-seconds=S}, {@code --repetitions=R}
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args, "min-seconds", "repetitions");
        run(a.decimal("min-seconds", 1.0), (int) a.number("repetitions", 3), System.out);
    }

    /**
     * Runs the benchmark for each message size.
     *
     * @param minSeconds a run at least this long fixes N
     * @param repetitions how many runs with that N
     * @param out where the log goes
     * @return one result per message size
     * @throws Exception if it fails
     */
    public static List<Result> run(double minSeconds, int repetitions, PrintStream out) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int length : SIZES) {
            out.println(length > 1 ? "Throughput benchmark" : "Transmission benchmark");
            results.add(benchmarkManager(length, minSeconds, repetitions, out));
        }
        return results;
    }

    private static Result benchmarkManager(int length, double minSeconds, int repetitions, PrintStream out)
            throws Exception {
        try (GipcPipe<Object> sync = Gipc.pipe();
                GipcPipe<Object> data = Gipc.pipe()) {
            GProcess child = Gipc.startProcess(Benchmark::writer, sync.reader(), data.writer());
            GipcWriter<Object> syncw = sync.writer();
            GipcReader<Object> reader = data.reader();
            out.println("Determining N ...");
            long n = 1;
            double elapsed = 0;
            while (elapsed < minSeconds) { // until a run takes at least minSeconds
                n *= 2;
                elapsed = benchmark(n, length, syncw, reader);
            }
            out.printf("N = %d%nRunning %d benchmarks ...%n", n, repetitions);
            double[] seconds = new double[repetitions];
            for (int i = 0; i < repetitions; i++) {
                seconds[i] = benchmark(n, length, syncw, reader);
                out.println(" Single benchmark result:");
                out.printf("  --> N: %d, MSG length: %d%n", n, length);
                out.printf("  --> Read duration: %.3f s%n", seconds[i]);
                out.printf("  --> Average msg tx rate: %.3f msgs/s%n", n / seconds[i]);
                out.printf("  --> Payload transfer rate: %.3f MB/s%n", mebibytes(n, length) / seconds[i]);
            }
            Result r = new Result(length, n, seconds);
            double relErr = r.error() / r.mean();
            out.println(" Overall benchmark result:");
            out.printf(" N: %d%n", n);
            out.printf(" Read duration: %.3f+/-%.3f s%n", r.mean(), r.error());
            out.printf(" Average msg tx rate: %.3f+/-%.3f msgs/s%n", n / r.mean(), n / r.mean() * relErr);
            out.printf(
                    " Payload transfer rate: %.3f+/-%.3f MB/s%n",
                    mebibytes(n, length) / r.mean(), mebibytes(n, length) / r.mean() * relErr);
            syncw.put("exit").get(60, TimeUnit.SECONDS);
            int code = child.join().get(60, TimeUnit.SECONDS);
            if (code != 0) {
                throw new IllegalStateException("the writer child exited with " + code);
            }
            return r;
        }
    }

    /** One run: SYN, wait for ACK, then read until "stop". Returns the read duration in seconds. */
    private static double benchmark(long n, int length, GipcWriter<Object> syncw, GipcReader<Object> reader)
            throws Exception {
        syncw.put(new Syn(n, length)).get(60, TimeUnit.SECONDS);
        Object ack = reader.get().get(60, TimeUnit.SECONDS);
        if (!"ACK".equals(ack)) {
            throw new IllegalStateException("expected ACK, got " + ack);
        }
        long start = System.nanoTime();
        long received = readUntilStop(reader).get(10, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (received != n) {
            throw new IllegalStateException("expected " + n + " messages, got " + received);
        }
        return elapsed;
    }

    /**
     * Reads messages until "stop", each {@code get()} chained to the previous one's completion on the event loop:
     * no thread waits per message. Returns how many messages came before "stop".
     */
    static CompletableFuture<Long> readUntilStop(GipcReader<Object> reader) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        new Object() {
            long count;

            void next() {
                // A loop, not recursion: a get() that is already complete is handled here at once.
                while (true) {
                    GipcFuture<Object> f = reader.get();
                    if (!f.isDone()) {
                        f.whenComplete((m, e) -> {
                            if (handle(m, e)) {
                                next();
                            }
                        });
                        return;
                    }
                    Object m;
                    try {
                        m = f.join();
                    } catch (RuntimeException e) {
                        handle(null, e);
                        return;
                    }
                    if (!handle(m, null)) {
                        return;
                    }
                }
            }

            /** Returns true to read on. */
            boolean handle(Object m, Throwable e) {
                if (e != null) {
                    done.completeExceptionally(e);
                    return false;
                }
                if ("stop".equals(m)) {
                    done.complete(count);
                    return false;
                }
                count++;
                return true;
            }
        }.next();
        return done;
    }

    /**
     * The child: for each SYN, answers ACK and writes the run's messages, then "stop"; returns on "exit".
     *
     * <p>Python's {@code put()} blocks until the message is written. Here {@code put()} returns a future at once;
     * the child waits for the future of every {@value #WINDOW}-th message, so at most that many are queued in
     * its memory when the parent reads slower than the child writes.
     *
     * @param syncr SYN messages from the parent
     * @param writer the data pipe to the parent
     */
    static void writer(GipcReader<Object> syncr, GipcWriter<Object> writer) {
        for (Object m = syncr.get().join(); m instanceof Syn; m = syncr.get().join()) {
            Syn syn = (Syn) m;
            byte[] msg = new byte[syn.length()];
            Arrays.fill(msg, (byte) 'A');
            writer.put("ACK").join();
            CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
            for (long i = 0; i < syn.n(); i++) {
                last = writer.put(msg);
                if (i % WINDOW == WINDOW - 1) {
                    last.join();
                }
            }
            writer.put("stop").join();
        }
    }

    private static double mebibytes(long n, int length) {
        return (double) length * n / 1024 / 1024;
    }
}
