package io.gipc.examples.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs inside Maven's own JVM (the {@code demo} and {@code example} profiles call it with {@code exec:java} just
 * before they start the program in a JVM of its own). Ctrl-C reaches both JVMs, since the terminal signals its
 * whole foreground process group; left alone, Maven's JVM would exit with 130 at once and kill the program before
 * its clean stop. With this, Maven lets the first Ctrl-C go by: the program stops in order, and its exit code ends
 * the build. A second Ctrl-C stops Maven as usual (exit 130, the program killed).
 */
public final class CtrlCForTheProgram {
    private CtrlCForTheProgram() {}

    /**
     * Installs the handler in this JVM and returns.
     *
     * @param args none
     */
    public static void main(String[] args) {
        AtomicInteger interrupts = new AtomicInteger();
        StopSignal.onInterrupt(() -> {
            if (interrupts.incrementAndGet() > 1) {
                System.exit(130);
            }
        });
    }
}
