package io.gipc.stress;

import io.gipc.GipcReader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a pipe on a thread of its own, as fast as messages come, until a {@code get()} fails (end of stream, say),
 * so that the writer on the other end is never held back.
 */
final class Drain {
    private final AtomicLong messages = new AtomicLong();
    private final CompletableFuture<Throwable> end = new CompletableFuture<>();

    private Drain() {}

    /** Starts draining the reader. */
    static Drain start(GipcReader<?> reader, String name) {
        Drain drain = new Drain();
        Thread thread = new Thread(() -> drain.run(reader), "drain " + name);
        thread.setDaemon(true);
        thread.start();
        return drain;
    }

    private void run(GipcReader<?> reader) {
        try {
            while (true) {
                reader.get().get();
                messages.incrementAndGet();
            }
        } catch (ExecutionException e) {
            end.complete(e.getCause());
        } catch (Throwable t) {
            end.complete(t);
        }
    }

    /** How many messages were read so far. */
    long messages() {
        return messages.get();
    }

    /** Completes with what ended the draining: the failure of the last {@code get()}. */
    CompletableFuture<Throwable> end() {
        return end;
    }
}
