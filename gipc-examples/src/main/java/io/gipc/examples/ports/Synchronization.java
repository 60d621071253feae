package io.gipc.examples.ports;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Python gipc's {@code examples/synchronization.py}: parent and child synchronise over a duplex pipe (SYN, ACK),
 * then the child sends its clock's reading and the parent prints the difference to its own.
 *
 * <pre>./mvnw -B -q -Pexample -Dexample=sync -DskipTests verify</pre>
 */
public final class Synchronization {
    private Synchronization() {}

    /**
     * What the parent saw.
     *
     * @param beforeSyn the parent's clock just before it sent SYN
     * @param parentTime the parent's clock right after ACK arrived
     * @param childTime the child's clock right after it sent ACK
     * @param afterReceipt the parent's clock once the child's time arrived
     * @param exitCode the child's exit code
     */
    public record Result(Instant beforeSyn, Instant parentTime, Instant childTime, Instant afterReceipt, int exitCode) {
        /**
         * The difference the example prints.
         *
         * @return |parent time - child time|
         */
        public Duration delta() {
            return Duration.between(childTime, parentTime).abs();
        }
    }

    /**
     * Runs the example.
     *
     * @param args none
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where the result goes
     * @return what the parent saw
     * @throws Exception if it fails
     */
    public static Result run(PrintStream out) throws Exception {
        try (GipcDuplexPipe<Object> pipe = Gipc.duplexPipe()) {
            GipcDuplex<Object> parentEnd = pipe.first();
            GProcess child = Gipc.startProcess(Synchronization::writer, pipe.second());
            // Synchronise with the child: it answers SYN with ACK once it is up.
            Instant beforeSyn = Instant.now();
            parentEnd.put("SYN").get(60, TimeUnit.SECONDS);
            Object ack = parentEnd.get().get(60, TimeUnit.SECONDS);
            if (!"ACK".equals(ack)) {
                throw new IllegalStateException("expected ACK, got " + ack);
            }
            // Now in sync with the child.
            Instant parentTime = Instant.now();
            Instant childTime = (Instant) parentEnd.get().get(60, TimeUnit.SECONDS);
            Instant afterReceipt = Instant.now();
            int code = child.join().get(60, TimeUnit.SECONDS);
            Result result = new Result(beforeSyn, parentTime, childTime, afterReceipt, code);
            out.printf("Time delta: %.8f s.%n", result.delta().toNanos() / 1e9);
            return result;
        }
    }

    /**
     * The child: answers SYN with ACK, then sends its clock's reading.
     *
     * @param parent the child's end of the duplex pipe
     */
    static void writer(GipcDuplex<Object> parent) {
        Object syn = parent.get().join();
        if (!"SYN".equals(syn)) {
            throw new IllegalStateException("expected SYN, got " + syn);
        }
        parent.put("ACK").join();
        // Now in sync with the parent.
        parent.put(Instant.now()).join();
    }
}
