package io.gipc.netty.properties;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opentest4j.AssertionFailedError;

/** Waiting for futures, and saying how they ended. */
final class Outcomes {
    /** How long a run waits for something that must end before it calls it a hang; never an expectation of speed. */
    static final long HANG_SECONDS = 30;

    private Outcomes() {}

    /**
     * Waits until a future has ended, however it ended.
     *
     * @param future the future
     * @param what what it is, for the report if it hangs
     * @throws AssertionFailedError if it is still pending after {@link #HANG_SECONDS}
     */
    static void awaitEnd(CompletableFuture<?> future, String what) {
        try {
            future.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CancellationException ended) {
            // ended, as a failure: the verdicts judge that
        } catch (TimeoutException e) {
            throw new AssertionFailedError(what + " is still pending after " + HANG_SECONDS + " s: gipc hangs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for " + what, e);
        }
    }

    /**
     * How an ended future failed.
     *
     * @param future an ended future
     * @return its failure, a {@link CancellationException} if it was cancelled, or null if it succeeded
     */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.getNow(null);
            return null;
        } catch (CancellationException e) {
            return e;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /**
     * How a future ended, for reports.
     *
     * @param future a put's or get's future
     * @return e.g. {@code "pending"}, {@code "message of 12 bytes saying #3"}, {@code "failed: GipcEofException"}
     */
    static String describe(CompletableFuture<?> future) {
        if (future == null) {
            return "never issued";
        }
        if (!future.isDone()) {
            return "pending";
        }
        if (future.isCancelled()) {
            return "cancelled";
        }
        Throwable failure = failure(future);
        if (failure != null) {
            String message = String.valueOf(failure.getMessage());
            return "failed: " + failure.getClass().getSimpleName() + " ("
                    + (message.length() > 160 ? message.substring(0, 160) + "..." : message) + ")";
        }
        Object value = future.getNow(null);
        return value instanceof byte[] ? "message of " + Payloads.describe((byte[]) value) : "done";
    }
}
