package io.gipc.benchmarks;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The little protocol every sink speaks, over gipc or over stdin/stdout alike. Each message is a frame (a 4-byte
 * big-endian length, then the payload: gipc's wire format, and what {@code DataOutputStream} code writes).
 * A run is a header frame ({@link #header}: how many messages follow, and how many gets the sink may keep
 * pending), then that many payload frames; the sink answers with a report frame ({@link #report}: count, bytes,
 * CRC-32 of all payload bytes in order). An empty frame where a header is expected ends the sink.
 */
final class Protocol {
    static final int HEADER_BYTES = 12;
    static final int REPORT_BYTES = 24;

    private Protocol() {}

    static byte[] header(long count, int window) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many messages for one run: " + count);
        }
        return ByteBuffer.allocate(HEADER_BYTES).putLong(count).putInt(window).array();
    }

    static long headerCount(byte[] header) {
        return ByteBuffer.wrap(header).getLong(0);
    }

    static int headerWindow(byte[] header) {
        return ByteBuffer.wrap(header).getInt(8);
    }

    static byte[] report(long count, long bytes, long crc) {
        return ByteBuffer.allocate(REPORT_BYTES)
                .putLong(count)
                .putLong(bytes)
                .putLong(crc)
                .array();
    }

    /** A payload of {@code size} bytes that is not all zeros. */
    static byte[] payload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /**
     * Checks a sink's report against what was sent.
     *
     * @throws IllegalStateException if count, bytes or checksum differ
     */
    static void verify(byte[] report, long count, byte[] payload) {
        ByteBuffer r = ByteBuffer.wrap(report);
        long gotCount = r.getLong();
        long gotBytes = r.getLong();
        long gotCrc = r.getLong();
        CRC32 crc = new CRC32();
        for (long i = 0; i < count; i++) {
            crc.update(payload);
        }
        if (gotCount != count || gotBytes != count * payload.length || gotCrc != crc.getValue()) {
            throw new IllegalStateException("sink reported " + gotCount + " messages, " + gotBytes + " bytes, CRC "
                    + Long.toHexString(gotCrc) + "; sent " + count + ", " + count * payload.length + ", CRC "
                    + Long.toHexString(crc.getValue()));
        }
    }
}
