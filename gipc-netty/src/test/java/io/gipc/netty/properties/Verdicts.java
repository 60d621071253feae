package io.gipc.netty.properties;

import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcEofException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.opentest4j.AssertionFailedError;

/**
 * The invariants of a lane, judged from what a run recorded once every future of it has ended: every message
 * arrives once, whole and in order, or the operation fails with the exception the documentation gives for the
 * situation (docs/errors.md).
 */
final class Verdicts {
    private Verdicts() {}

    /**
     * What the gets of a lane received.
     *
     * @param messages how many messages they received
     * @param endOfStream whether one ended with end of stream
     */
    record Delivery(int messages, boolean endOfStream) {}

    /**
     * Checks the gets of a lane, in the order they were issued. Messages go to gets first come, first served, so
     * the gets that received one received messages #0, #1, #2, ... in that order, each equal to what was sent.
     * A get may also end as its kind allows: timed out (a timed get), cancelled (only if cancel() said so), or
     * end of stream (only once the writer is closed, only after every message sent, and then no message follows).
     *
     * @param gets the gets, in the order issued, all ended
     * @param sent how many messages were sent (put successfully, or at least issued)
     * @param expected the payload of message {@code i}, for {@code i < sent}
     * @param mustPrecedeEof how many messages must have arrived before end of stream; -1 if end of stream is
     *                       not allowed at all (the writer was never closed)
     * @return what they received
     */
    static Delivery checkGets(
            List<LaneRecord.IssuedGet> gets, int sent, IntFunction<byte[]> expected, int mustPrecedeEof) {
        int delivered = 0;
        boolean endOfStream = false;
        for (LaneRecord.IssuedGet g : gets) {
            if (!g.future.isDone()) {
                throw new AssertionFailedError(g.label + " is still pending at the end");
            }
            Throwable failure = Outcomes.failure(g.future);
            if (failure == null) {
                byte[] message = g.future.getNow(null);
                if (endOfStream) {
                    throw new AssertionFailedError(g.label + " received " + Payloads.describe(message)
                            + " after an earlier get ended with end of stream");
                }
                if (delivered >= sent) {
                    throw new AssertionFailedError(g.label + " received " + Payloads.describe(message) + ", but only "
                            + sent + " messages were sent and all had arrived: a duplicate");
                }
                byte[] want = expected.apply(delivered);
                if (!Arrays.equals(want, message)) {
                    throw new AssertionFailedError(g.label + " must receive message #" + delivered + " ("
                            + Payloads.describe(want) + ") but received " + Payloads.describe(message)
                            + ": a message was lost, duplicated, reordered or torn");
                }
                delivered++;
            } else if (failure instanceof CancellationException) {
                if (!g.withdrawn) {
                    throw new AssertionFailedError(g.label + " ended cancelled, but no cancel() of it returned true");
                }
            } else if (failure instanceof TimeoutException) {
                if (!g.kind.mayTimeOut()) {
                    throw new AssertionFailedError(g.label + " (" + g.kind + ") timed out: " + failure);
                }
            } else if (failure instanceof GipcEofException) {
                if (mustPrecedeEof < 0) {
                    throw new AssertionFailedError(
                            g.label + " ended with end of stream, but the writer was never" + " closed: " + failure);
                }
                if (!endOfStream && delivered != mustPrecedeEof) {
                    throw new AssertionFailedError(g.label + " ended with end of stream after " + delivered
                            + " messages, but " + mustPrecedeEof + " were sent before the writer closed: "
                            + (delivered < mustPrecedeEof ? "messages were lost" : "messages were duplicated"));
                }
                endOfStream = true;
            } else {
                throw new AssertionFailedError(
                        g.label + " failed with " + failure + ", which nothing in this program explains", failure);
            }
            if (g.kind == GetKind.LONG && failure != null && !(failure instanceof CancellationException)) {
                throw new AssertionFailedError(g.label + " had a message surely coming, but ended with " + failure);
            }
        }
        return new Delivery(delivered, endOfStream);
    }

    /**
     * Checks the puts of a lane: none is cancelled (a put cannot be); each succeeds or, once its reader is gone,
     * fails with {@link GipcBrokenPipeException}; and once one failed, every later one failed too (a stream does
     * not heal).
     *
     * @param puts the puts, in order, all ended
     * @param mustSucceed the puts before this one must have succeeded (their messages were read)
     * @param brokenPipeAllowed whether the reader was closed, so that puts may fail
     */
    static void checkPuts(List<LaneRecord.SentPut> puts, int mustSucceed, boolean brokenPipeAllowed) {
        int firstFailed = -1;
        for (LaneRecord.SentPut p : puts) {
            String what = "put #" + p.seq;
            if (!p.future.isDone()) {
                throw new AssertionFailedError(what + " is still pending at the end");
            }
            Throwable failure = Outcomes.failure(p.future);
            if (failure == null) {
                if (firstFailed >= 0) {
                    throw new AssertionFailedError(what + " succeeded after put #" + firstFailed + " had failed");
                }
                if (p.afterReaderClosed) {
                    throw new AssertionFailedError(what + " was issued after the reader was closed, yet succeeded");
                }
                continue;
            }
            if (failure instanceof CancellationException) {
                throw new AssertionFailedError(what + " was cancelled: a put cannot be");
            }
            if (!(failure instanceof GipcBrokenPipeException)) {
                throw new AssertionFailedError(what + " failed with " + failure, failure);
            }
            if (!brokenPipeAllowed) {
                throw new AssertionFailedError(
                        what + " failed with a broken pipe, but its reader was open: " + failure, failure);
            }
            if (p.seq < mustSucceed) {
                throw new AssertionFailedError(
                        what + " failed with a broken pipe, but its message was read: " + failure, failure);
            }
            if (firstFailed < 0) {
                firstFailed = p.seq;
            }
        }
    }
}
