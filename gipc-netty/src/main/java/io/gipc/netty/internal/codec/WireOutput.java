package io.gipc.netty.internal.codec;

import java.util.Arrays;

/**
 * The bytes of one message being written, in protostuff's wire format (Protocol Buffers' encoding, nested values
 * as groups): a tag (field number and wire type) before each value, varints for integers, zigzag for signed
 * ones, little-endian for floating point, a length before bytes. Writes the very bytes protostuff's
 * {@code ProtostuffOutput} wrote for the same calls, into one array grown by doubling; protostuff's own goes
 * through a chain of buffers and a method or two per byte, which was a third of encoding a list of numbers.
 * Each thread keeps its last buffer of up to {@link #KEPT_BYTES} for its next message: growing a buffer from
 * nothing and zeroing it again cost as much as writing a message of a few thousand numbers. One instance per
 * message; not thread-safe.
 */
final class WireOutput {
    /** The largest buffer a thread keeps between messages. */
    static final int KEPT_BYTES = 64 * 1024;

    private static final int FIRST_BYTES = 256;

    /** Each thread's buffer between messages; empty while a message is being written (one may nest another). */
    private static final ThreadLocal<Spare> SPARE = ThreadLocal.withInitial(Spare::new);

    private static final int WIRETYPE_VARINT = 0;
    private static final int WIRETYPE_FIXED64 = 1;
    private static final int WIRETYPE_LENGTH_DELIMITED = 2;
    private static final int WIRETYPE_START_GROUP = 3;
    private static final int WIRETYPE_END_GROUP = 4;
    private static final int WIRETYPE_FIXED32 = 5;

    private byte[] buffer;
    private int size;

    private final Spare spare;

    private WireOutput(Spare spare, byte[] buffer) {
        this.spare = spare;
        this.buffer = buffer;
    }

    /**
     * An empty message, in this thread's spare buffer if it has one; {@link #release} gives it back.
     *
     * @return the message
     */
    static WireOutput open() {
        Spare spare = SPARE.get();
        byte[] buffer = spare.buffer;
        spare.buffer = null;
        return new WireOutput(spare, buffer != null ? buffer : new byte[FIRST_BYTES]);
    }

    /** Gives the buffer back to the thread for its next message, unless it grew larger than {@link #KEPT_BYTES}. */
    void release() {
        if (buffer.length <= KEPT_BYTES) {
            spare.buffer = buffer;
        }
        buffer = null;
    }

    /**
     * Writes an unsigned 32-bit varint field (up to 5 bytes; a negative int is taken as unsigned).
     *
     * @param kind the field number
     * @param value the value
     */
    void writeUInt32(int kind, int value) {
        ensure(10);
        tag(kind, WIRETYPE_VARINT);
        varint32(value);
    }

    /**
     * Writes a zigzag-encoded 32-bit field.
     *
     * @param kind the field number
     * @param value the value
     */
    void writeSInt32(int kind, int value) {
        writeUInt32(kind, (value << 1) ^ (value >> 31));
    }

    /**
     * Writes a zigzag-encoded 64-bit field.
     *
     * @param kind the field number
     * @param value the value
     */
    void writeSInt64(int kind, long value) {
        ensure(15);
        tag(kind, WIRETYPE_VARINT);
        varint64((value << 1) ^ (value >> 63));
    }

    /**
     * Writes a boolean field: one byte, 0 or 1.
     *
     * @param kind the field number
     * @param value the value
     */
    void writeBool(int kind, boolean value) {
        ensure(6);
        tag(kind, WIRETYPE_VARINT);
        buffer[size++] = (byte) (value ? 1 : 0);
    }

    /**
     * Writes a double field: its raw bits, little-endian.
     *
     * @param kind the field number
     * @param value the value
     */
    void writeDouble(int kind, double value) {
        ensure(13);
        tag(kind, WIRETYPE_FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            buffer[size++] = (byte) (bits >>> (8 * i));
        }
    }

    /**
     * Writes a float field: its raw bits, little-endian.
     *
     * @param kind the field number
     * @param value the value
     */
    void writeFloat(int kind, float value) {
        ensure(9);
        tag(kind, WIRETYPE_FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            buffer[size++] = (byte) (bits >>> (8 * i));
        }
    }

    /**
     * Writes a length-delimited field.
     *
     * @param kind the field number
     * @param bytes the bytes
     */
    void writeBytes(int kind, byte[] bytes) {
        ensure(10 + bytes.length);
        tag(kind, WIRETYPE_LENGTH_DELIMITED);
        varint32(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /**
     * Starts a group: what follows up to {@link #endGroup} is its contents.
     *
     * @param kind the field number
     */
    void startGroup(int kind) {
        ensure(5);
        tag(kind, WIRETYPE_START_GROUP);
    }

    /**
     * Ends the group {@link #startGroup} started.
     *
     * @param kind the same field number
     */
    void endGroup(int kind) {
        ensure(5);
        tag(kind, WIRETYPE_END_GROUP);
    }

    /**
     * The message written.
     *
     * @return a copy of its bytes
     */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void tag(int kind, int wireType) {
        varint32((kind << 3) | wireType);
    }

    private void varint32(int value) {
        byte[] bytes = buffer;
        int at = size;
        while ((value & ~0x7F) != 0) {
            bytes[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[at++] = (byte) value;
        size = at;
    }

    private void varint64(long value) {
        byte[] bytes = buffer;
        int at = size;
        // The first five bytes unrolled (a long up to 2^35, zigzagged), each written at a constant distance
        // from the first, which the JIT checks once; the loop checked and counted each byte.
        if ((value & ~0x7FL) == 0) {
            bytes[at] = (byte) value;
            size = at + 1;
            return;
        }
        bytes[at] = (byte) (value | 0x80);
        if ((value & ~0x3FFFL) == 0) {
            bytes[at + 1] = (byte) (value >>> 7);
            size = at + 2;
            return;
        }
        bytes[at + 1] = (byte) ((value >>> 7) | 0x80);
        if ((value & ~0x1FFFFFL) == 0) {
            bytes[at + 2] = (byte) (value >>> 14);
            size = at + 3;
            return;
        }
        bytes[at + 2] = (byte) ((value >>> 14) | 0x80);
        if ((value & ~0xFFFFFFFL) == 0) {
            bytes[at + 3] = (byte) (value >>> 21);
            size = at + 4;
            return;
        }
        bytes[at + 3] = (byte) ((value >>> 21) | 0x80);
        if ((value & ~0x7FFFFFFFFL) == 0) {
            bytes[at + 4] = (byte) (value >>> 28);
            size = at + 5;
            return;
        }
        bytes[at + 4] = (byte) ((value >>> 28) | 0x80);
        value >>>= 35;
        at += 5;
        while ((value & ~0x7FL) != 0) {
            bytes[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[at++] = (byte) value;
        size = at;
    }

    /** Makes room for a field of up to {@code bytes} bytes. */
    private void ensure(int bytes) {
        if (bytes > buffer.length - size) {
            grow(bytes);
        }
    }

    private void grow(int bytes) {
        long needed = (long) size + bytes;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the message would be larger than a Java array can hold");
        }
        buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * buffer.length)));
    }

    /** A thread's buffer between two messages. */
    private static final class Spare {
        byte[] buffer;
    }
}
