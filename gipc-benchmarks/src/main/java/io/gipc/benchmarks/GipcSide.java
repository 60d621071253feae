package io.gipc.benchmarks;

import io.gipc.GipcDuplex;
import io.gipc.GipcFuture;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;

/**
 * The gipc code of the benchmarks: the targets that run in a child (or, for the in-JVM figures, on a thread),
 * and the sending side. Plain blocking use of the futures, as a gipc user writes it off the event loop.
 */
public final class GipcSide {
    private GipcSide() {}

    /** The trivial target of the start-up benchmark. */
    public static void trivial() {
        // nothing: the benchmark times starting and joining the child
    }

    /**
     * The target of the start-up breakdown: writes the wall-clock time at which it began to a file.
     *
     * @param file the file
     * @throws java.io.IOException if it cannot be written
     */
    public static void stamp(String file) throws java.io.IOException {
        Hello.stamp(file);
    }

    /**
     * The target of the spare-children figures: puts {@code System.nanoTime()} (the same clock in every process of
     * a Linux machine) as it begins.
     *
     * @param began where the time goes
     * @throws Exception if the put fails
     */
    public static void nanoStamp(GipcWriter<Object> began) throws Exception {
        began.put(System.nanoTime()).get();
    }

    /**
     * Reads runs (see {@link Protocol}) until an empty header: counts the messages and bytes, checksums them, and
     * reports back after each run.
     *
     * @param in where the runs arrive
     * @param report where the reports go
     * @throws Exception if a get or put fails
     */
    public static void sink(GipcReader<byte[]> in, GipcWriter<byte[]> report) throws Exception {
        while (true) {
            byte[] header = in.get().join();
            if (header.length == 0) {
                return;
            }
            long count = Protocol.headerCount(header);
            int window = Math.max(1, Protocol.headerWindow(header));
            CRC32 crc = new CRC32();
            long bytes = 0;
            ArrayDeque<GipcFuture<byte[]>> pending = new ArrayDeque<>();
            long asked = 0;
            for (long i = 0; i < count; i++) {
                while (asked < count && pending.size() < window) {
                    pending.add(in.get());
                    asked++;
                }
                byte[] m = pending.poll().join();
                crc.update(m);
                bytes += m.length;
            }
            report.put(Protocol.report(count, bytes, crc.getValue())).join();
        }
    }

    /**
     * Sends every message it gets back, until an empty one.
     *
     * @param d one end of a duplex pipe
     * @throws Exception if a get or put fails
     */
    public static void echo(GipcDuplex<byte[]> d) throws Exception {
        GipcFuture<Void> previous = null;
        while (true) {
            byte[] m = d.get().join();
            if (previous != null) {
                previous.join(); // long done: the peer saw its reply before sending this message
            }
            if (m.length == 0) {
                return;
            }
            previous = d.put(m);
        }
    }

    /**
     * One run into a {@link #sink}: the header, {@code count} copies of {@code payload} with at most
     * {@code window} puts pending at a time (1: each put is joined before the next), and the report.
     *
     * @return the seconds from the first put to the verified report
     */
    static double send(GipcWriter<byte[]> out, GipcReader<byte[]> report, long count, byte[] payload, int window) {
        long t0 = System.nanoTime();
        out.put(Protocol.header(count, window)).join();
        ArrayDeque<GipcFuture<Void>> pending = new ArrayDeque<>();
        for (long i = 0; i < count; i++) {
            if (pending.size() >= window) {
                pending.poll().join();
            }
            pending.add(out.put(payload));
        }
        while (!pending.isEmpty()) {
            pending.poll().join();
        }
        byte[] r = report.get().join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Protocol.verify(r, count, payload);
        return seconds;
    }

    /**
     * {@code count} round trips of {@code message} through an {@link #echo}.
     *
     * @return the seconds they took
     */
    static double pingPong(GipcDuplex<byte[]> d, long count, byte[] message) {
        long t0 = System.nanoTime();
        for (long i = 0; i < count; i++) {
            GipcFuture<Void> put = d.put(message);
            byte[] back = d.get().join();
            put.join();
            if (back.length != message.length) {
                throw new IllegalStateException("echo sent " + back.length + " bytes back, not " + message.length);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * {@code count} round trips of {@code message} through an {@link #echo}, driven by future callbacks as an
     * event-loop server writes it: each reply's callback (on gipc's event loop) puts the next message; no thread
     * waits in between.
     *
     * @return the seconds they took
     */
    static double pingPongCallbacks(GipcDuplex<byte[]> d, long count, byte[] message) {
        long t0 = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        new CallbackPingPong(d, message, count, done).next();
        done.join();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The state of {@link #pingPongCallbacks}: one put and one get per step, the next step in the get's callback. */
    private static final class CallbackPingPong {
        private final GipcDuplex<byte[]> end;
        private final byte[] message;
        private final CompletableFuture<Void> done;
        private long remaining;

        CallbackPingPong(GipcDuplex<byte[]> end, byte[] message, long count, CompletableFuture<Void> done) {
            this.end = end;
            this.message = message;
            this.remaining = count;
            this.done = done;
        }

        void next() {
            if (remaining-- == 0) {
                done.complete(null);
                return;
            }
            end.put(message).whenComplete((v, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                }
            });
            end.get().whenComplete((back, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else if (back.length != message.length) {
                    done.completeExceptionally(new IllegalStateException(
                            "echo sent " + back.length + " bytes back, not " + message.length));
                } else {
                    next();
                }
            });
        }
    }
}
