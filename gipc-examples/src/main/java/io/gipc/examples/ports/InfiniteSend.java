package io.gipc.examples.ports;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.examples.support.Args;
import io.gipc.examples.support.StopSignal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Python gipc's {@code examples/infinite_send_to_child.py}: the parent sends a message to a child every second,
 * forever; Ctrl-C stops both cleanly.
 *
 * <p>Ctrl-C sends SIGINT to every process of the terminal's foreground group, the child included. As in the
 * original, the child ignores SIGINT and the parent handles it: it stops sending and closes its end of the
 * pipe; the child reads to the end of the stream and returns (exit 0); the parent joins it and exits 0. (The
 * original terminates the child; closing the pipe lets it finish on its own, and {@code terminate()} remains
 * the fallback if it does not end within ten seconds.)
 *
 * <pre>./mvnw -B -q -Pexample -Dexample=infinite -DskipTests verify</pre>
 *
 * Options: {@code --interval-ms=1000}; {@code --stop-after-ms=N} stops as SIGINT would, after N ms.
 */
public final class InfiniteSend {
    static final String MSG = "I was sent from a thread running in the main process!";

    private InfiniteSend() {}

    /**
     * Runs until SIGINT or SIGTERM (or {@code --stop-after-ms}), then exits 0 if the child ended cleanly.
     *
     * @param args {@code --interval-ms=N}, {@code --stop-after-ms=N}
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args, "interval-ms", "stop-after-ms");
        CompletableFuture<String> stop = StopSignal.install();
        long stopAfter = a.number("stop-after-ms", -1);
        if (stopAfter >= 0) {
            CompletableFuture.delayedExecutor(stopAfter, TimeUnit.MILLISECONDS)
                    .execute(() -> stop.complete("--stop-after-ms"));
        }
        int code = run(Duration.ofMillis(a.number("interval-ms", 1000)), stop, System.out);
        System.exit(code == 0 ? 0 : 1);
    }

    /**
     * Sends until {@code stop} completes or the child ends, then stops in order.
     *
     * @param interval the time between two messages
     * @param stop completed (with the reason) to stop
     * @param out where the parent's lines go (the child prints on the shared stdout)
     * @return the child's exit code
     * @throws Exception if it fails
     */
    public static int run(Duration interval, CompletableFuture<?> stop, PrintStream out) throws Exception {
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            GProcess p = Gipc.startProcess(InfiniteSend::childProcess, pipe.reader());
            out.println("sending to child pid " + p.pid() + " every " + interval.toMillis() + " ms; Ctrl-C stops");
            ScheduledFuture<?> writes = sender.scheduleWithFixedDelay(
                    () -> pipe.writer().put(MSG).join(), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            Object why = CompletableFuture.anyOf(stop, p.join()).get();
            if (p.exitCode() != null) {
                out.println("the child ended by itself with " + p.exitCode());
            } else {
                out.println("stopping (" + why + "): no more messages, closing the pipe");
            }
            writes.cancel(false);
            sender.shutdown();
            sender.awaitTermination(1, TimeUnit.MINUTES); // a put in progress completes first
            pipe.writer().close(); // the child reads to the end of the stream
            Integer code = p.join(Duration.ofSeconds(10)).get();
            if (code == null) {
                out.println("the child did not end; terminating it");
                p.terminate();
                code = p.join().get(1, TimeUnit.MINUTES);
            }
            out.println("the child exited with " + code);
            return code;
        } finally {
            sender.shutdownNow();
        }
    }

    /**
     * The child: ignores SIGINT (its parent stops it) and prints each message until the end of the stream.
     *
     * @param reader the pipe from the parent
     */
    static void childProcess(GipcReader<Object> reader) {
        StopSignal.ignoreInterrupt();
        while (true) {
            Object message;
            try {
                message = reader.get().join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof GipcEofException) {
                    System.out.println("Child process: the parent closed the pipe; exiting.");
                    return;
                }
                throw e;
            }
            System.out.println("Child process got message through pipe:\n\t'" + message + "'");
        }
    }
}
