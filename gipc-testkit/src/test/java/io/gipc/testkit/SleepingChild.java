package io.gipc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A child process that is not gipc's: {@code sleep}, whose streams go nowhere so that it holds no pipe here. */
final class SleepingChild {
    private SleepingChild() {}

    /**
     * Starts {@code sleep seconds}.
     *
     * @param seconds how long it sleeps
     * @return the process
     */
    static Process start(int seconds) {
        try {
            return new ProcessBuilder("sleep", String.valueOf(seconds))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
