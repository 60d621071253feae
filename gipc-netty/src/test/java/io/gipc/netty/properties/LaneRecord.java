package io.gipc.netty.properties;

import io.gipc.GipcFuture;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run did on one lane (one direction of a pipe): every put and every get with its future, in the order
 * they were issued, and when the lane's ends were closed. The verdicts read it once the run has ended.
 */
final class LaneRecord {
    final String name;
    final long payloadSeed;
    final List<SentPut> puts = new ArrayList<>();
    final List<IssuedGet> gets = new ArrayList<>();
    /** Set once the writing end is closed; a get may end with end of stream only after that. */
    boolean writerClosed;
    /** Set once the reading end is closed while the program ran; puts may fail with a broken pipe only after that. */
    boolean readerClosed;

    /**
     * @param name how reports name the lane
     * @param payloadSeed the seed its payloads are drawn from ({@link Payloads})
     */
    LaneRecord(String name, long payloadSeed) {
        this.name = name;
        this.payloadSeed = payloadSeed;
    }

    byte[] payload(int seq) {
        return Payloads.of(payloadSeed, seq, puts.get(seq).size);
    }

    /** One put: message {@code seq} and its future. */
    static final class SentPut {
        final int seq;
        final int size;
        final GipcFuture<Void> future;
        /** Issued after the reader's close() returned: it must fail with a broken pipe. */
        final boolean afterReaderClosed;

        SentPut(int seq, int size, GipcFuture<Void> future, boolean afterReaderClosed) {
            this.seq = seq;
            this.size = size;
            this.future = future;
            this.afterReaderClosed = afterReaderClosed;
        }
    }

    /** One get and its future. */
    static final class IssuedGet {
        final String label;
        final GetKind kind;
        final GipcFuture<byte[]> future;
        /** Whether a cancel() of it returned true: only then may it end cancelled. */
        boolean withdrawn;

        /**
         * @param label how reports name it, e.g. {@code g3}, or {@code d1} for a get of the final drain
         */
        IssuedGet(String label, GetKind kind, GipcFuture<byte[]> future) {
            this.label = label;
            this.kind = kind;
            this.future = future;
        }
    }
}
