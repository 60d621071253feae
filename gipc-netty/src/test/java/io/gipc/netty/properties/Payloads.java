package io.gipc.netty.properties;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The bytes of each message a program sends: drawn from the lane's seed and the message's number, so that the
 * receiving side (in this JVM or in a child) can rebuild what it must get. When there is room, a message also
 * says who it is: its number in its first 4 bytes and a CRC-32 of the rest in the next 4, so a report can tell a
 * duplicated, reordered or torn message from a lost one.
 */
final class Payloads {
    /** Bytes a message needs to carry its number. */
    static final int NUMBER_BYTES = 4;
    /** Bytes a message needs to carry its number and its checksum. */
    static final int HEADER_BYTES = 8;

    private Payloads() {}

    /**
     * The payload of one message.
     *
     * @param laneSeed the seed of the lane (one direction of one pipe) it travels on
     * @param seq its number on that lane, from 0
     * @param size its length in bytes; 0 is a message too
     * @return a new array
     */
    static byte[] of(long laneSeed, int seq, int size) {
        byte[] bytes = new byte[size];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        SplittableRandom random = new SplittableRandom(laneSeed * 0x9E3779B97F4A7C15L + seq);
        while (buffer.remaining() >= Long.BYTES) {
            buffer.putLong(random.nextLong());
        }
        while (buffer.hasRemaining()) {
            buffer.put((byte) random.nextInt());
        }
        if (size >= NUMBER_BYTES) {
            buffer.putInt(0, seq);
        }
        if (size >= HEADER_BYTES) {
            buffer.putInt(NUMBER_BYTES, checksum(bytes));
        }
        return bytes;
    }

    /**
     * What a received message says about itself, for reports.
     *
     * @param message the bytes received
     * @return e.g. {@code "65,532 bytes saying #3, checksum right"}
     */
    static String describe(byte[] message) {
        if (message == null) {
            return "null";
        }
        String length = String.format("%,d bytes", message.length);
        if (message.length < NUMBER_BYTES) {
            return length + " (too short to carry its number)";
        }
        ByteBuffer buffer = ByteBuffer.wrap(message);
        String number = length + " saying #" + buffer.getInt(0);
        if (message.length < HEADER_BYTES) {
            return number;
        }
        boolean whole = buffer.getInt(NUMBER_BYTES) == checksum(message);
        return number + (whole ? ", checksum right" : ", checksum WRONG (torn or corrupt)");
    }

    /** The CRC-32 of everything after the header. */
    private static int checksum(byte[] message) {
        CRC32 crc = new CRC32();
        crc.update(message, HEADER_BYTES, message.length - HEADER_BYTES);
        return (int) crc.getValue();
    }
}
