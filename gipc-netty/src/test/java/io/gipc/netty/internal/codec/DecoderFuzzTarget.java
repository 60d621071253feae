package io.gipc.netty.internal.codec;

import io.gipc.GipcCodecException;
import java.lang.management.ManagementFactory;

/**
 * What the default decoder promises whatever the bytes, as a fuzz target (Jazzer calls
 * {@link #fuzzerTestOneInput(byte[])}; {@link DecoderFuzzTest} runs it): a value or a {@link GipcCodecException},
 * never another exception or error, and at most {@link #BYTES_PER_BYTE} bytes allocated per byte of the message
 * plus {@link #ALLOCATION_SLACK}. Jazzer's own time-out catches a decode that runs for long.
 */
public final class DecoderFuzzTarget {
    /**
     * Allocation per byte of message: the values themselves (a few times their bytes), and the garbage of hashing
     * within the work budget ({@link DecodeBudget}: 32 steps per byte, an iterator or so per step).
     */
    static final long BYTES_PER_BYTE = 2_048;
    /** Allocation any message may cause: learning about a class it names the first time, the budget's allowance. */
    static final long ALLOCATION_SLACK = 32L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private DecoderFuzzTarget() {}

    /**
     * Decodes one input and checks the promises.
     *
     * @param data the input
     */
    public static void fuzzerTestOneInput(byte[] data) {
        long limit = BYTES_PER_BYTE * data.length + ALLOCATION_SLACK;
        if (decode(data) > limit) {
            // The first decode naming a class sets up what the codec learns about it once (and the fuzzer
            // instruments the classes loaded meanwhile): only a second, warm decode counts.
            long allocated = decode(data);
            if (allocated > limit) {
                throw new AssertionError("decoding " + data.length + " bytes allocated " + allocated + " bytes");
            }
        }
    }

    /** Decodes, failing on anything but a value or a GipcCodecException; returns the bytes allocated. */
    private static long decode(byte[] data) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            DefaultCodec.decode(data);
        } catch (GipcCodecException expected) {
            // the only failure allowed
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
