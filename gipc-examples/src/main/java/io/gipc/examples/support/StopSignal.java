package io.gipc.examples.support;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.CompletableFuture;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a future, so that a program stops in order (its children stopped and
 * joined, its pipes closed) and exits 0, instead of the JVM's default of running shutdown hooks and exiting
 * with 130 or 143.
 *
 * <p>It uses the JVM's own signal API ({@code sun.misc.Signal}, in the {@code jdk.unsupported} module), as gipc's
 * child launcher does.
 */
public final class StopSignal {
    private StopSignal() {
    }

    /**
     * Installs handlers for SIGINT and SIGTERM that complete the returned future with the signal's name.
     *
     * @return a future completed by the first of those signals
     */
    public static CompletableFuture<String> install() {
        CompletableFuture<String> stop = new CompletableFuture<>();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> stop.complete("SIG" + signal.getName()));
        }
        return stop;
    }

    /**
     * Makes this process ignore SIGINT. A child started by gipc calls it when its parent, not the terminal's
     * Ctrl-C, decides when it stops: Ctrl-C reaches every process of the terminal's foreground group, children
     * included.
     */
    public static void ignoreInterrupt() {
        Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
    }
}
