package io.gipc.it.testkit;

import io.gipc.GipcReader;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Targets of the child processes these tests start. */
final class Targets {
    private Targets() {}

    /**
     * Prints to both streams, then exits with a code.
     *
     * @param code the exit code
     */
    static void printsThenExits(Integer code) {
        System.out.println("to stdout");
        System.err.println("to stderr");
        System.exit(code);
    }

    /** Throws: the launcher prints the stack trace to stderr and exits 1. */
    static void fails() {
        throw new IllegalArgumentException("bad input, on purpose");
    }

    /**
     * Prints, then sleeps far too long.
     *
     * @throws InterruptedException never in practice: it is killed
     */
    static void printsThenSleeps() throws InterruptedException {
        System.out.println("started");
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    /**
     * Reads one message and reports, on stderr and in its exit code, what went wrong with it.
     *
     * @param reader a reader fed by a raw peer in the parent
     */
    static void readsOne(GipcReader<byte[]> reader) {
        try {
            byte[] message = reader.get().join();
            System.out.print("read " + message.length + " bytes");
        } catch (CompletionException e) {
            System.err.print("get failed: " + e.getCause().getMessage());
            System.exit(3);
        }
    }
}
