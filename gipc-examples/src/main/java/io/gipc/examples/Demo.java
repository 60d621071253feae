package io.gipc.examples;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * First steps ({@code ./mvnw -B -q -Pexample -Dexample=demo -DskipTests verify}): messages through gipc pipes,
 * driven only by futures, so no thread ever blocks on I/O. It prints what it did and how fast, then exits 0.
 */
public final class Demo {
    private Demo() {}

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws Exception if a step fails (the demo then exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        System.out.println("gipc demo: message pipes over AF_UNIX socketpairs, driven by Netty's event loop");

        try (GipcDuplexPipe<Object> toWorker = Gipc.duplexPipe()) {
            long start = System.nanoTime();
            GProcess worker = Gipc.process(Demo::sumOfSquares)
                    .args(toWorker.second())
                    .name("squares")
                    .start();
            CompletableFuture<Object> answer = toWorker.first()
                    .put(new long[] {1, 2, 3, 4, 5_000_000})
                    .thenCompose(v -> toWorker.first().get());
            System.out.printf(
                    "  %-34s: %s%n",
                    "child " + worker.name() + " (pid " + worker.pid() + ") answered",
                    answer.get(60, TimeUnit.SECONDS));
            toWorker.first().put("stop").get(10, TimeUnit.SECONDS);
            int code = worker.join().get(60, TimeUnit.SECONDS);
            System.out.printf(
                    "  %-34s: %d, %.0f ms after startProcess%n",
                    "it exited with", code, (System.nanoTime() - start) / 1e6);
        }

        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            pipe.writer().put(new Greeting("hello", 42)).get(10, TimeUnit.SECONDS);
            System.out.println("  simplex pipe, default codec       : "
                    + pipe.reader().get().get(10, TimeUnit.SECONDS));
            try {
                pipe.reader().get(Duration.ofMillis(100)).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TimeoutException)) {
                    throw e;
                }
                System.out.println("  get(100 ms) on an empty pipe      : "
                        + e.getCause().getClass().getSimpleName() + ", handle still usable");
            }
        }

        try (GipcDuplexPipe<byte[]> duplex = Gipc.rawDuplexPipe()) {
            int rounds = 20_000;
            echo(duplex.second(), rounds);
            long start = System.nanoTime();
            pingPong(duplex.first(), rounds).get(60, TimeUnit.SECONDS);
            double micros = (System.nanoTime() - start) / 1e3 / rounds;
            System.out.printf("  %-34s: %.1f µs per round trip%n", "duplex ping-pong, " + rounds + " rounds", micros);
        }

        try (GipcPipe<byte[]> raw = Gipc.rawPipe()) {
            int messages = 200_000;
            CompletableFuture<Long> received = drain(raw.reader(), messages);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                raw.writer().put(new byte[] {(byte) i});
            }
            long bytes = received.get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "  %-34s: %.0f messages/s (%d payload bytes)%n",
                    "one-way, " + messages + " 1-byte messages", messages / seconds, bytes);
        }

        System.out.println(
                "  open handles at the end           : " + Gipc.openHandles().size());
        System.out.println("done");
    }

    /**
     * Runs in the child JVM: answers each array of numbers with the sum of their squares until told to stop.
     * It may block; only the parent has an event loop to protect.
     */
    static void sumOfSquares(GipcDuplex<Object> parent) throws Exception {
        for (Object job = parent.get().join();
                job instanceof long[];
                job = parent.get().join()) {
            long sum = 0;
            for (long n : (long[]) job) {
                sum += n * n;
            }
            parent.put(sum).join();
        }
    }

    /** A record: the default codec carries records, collections, enums, exceptions and more. */
    record Greeting(String text, int number) {}

    /** Answers each message with itself, {@code rounds} times, by chaining callbacks (no thread blocks). */
    private static void echo(GipcDuplex<byte[]> end, int rounds) {
        if (rounds == 0) {
            return;
        }
        end.get().thenCompose(end::put).thenRun(() -> echo(end, rounds - 1));
    }

    private static CompletableFuture<Void> pingPong(GipcDuplex<byte[]> end, int rounds) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pingPong(end, rounds, done);
        return done;
    }

    private static void pingPong(GipcDuplex<byte[]> end, int remaining, CompletableFuture<Void> done) {
        if (remaining == 0) {
            done.complete(null);
            return;
        }
        end.put(new byte[] {1}).thenCompose(v -> end.get()).whenComplete((m, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                pingPong(end, remaining - 1, done);
            }
        });
    }

    private static CompletableFuture<Long> drain(GipcReader<byte[]> reader, int messages) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        drain(reader, messages, 0, done);
        return done;
    }

    private static void drain(GipcReader<byte[]> reader, int remaining, long bytes, CompletableFuture<Long> done) {
        if (remaining == 0) {
            done.complete(bytes);
            return;
        }
        reader.get().whenComplete((m, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                drain(reader, remaining - 1, bytes + m.length, done);
            }
        });
    }
}
