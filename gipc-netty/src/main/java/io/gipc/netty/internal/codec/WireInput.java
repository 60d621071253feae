package io.gipc.netty.internal.codec;

/**
 * Reads the fields {@link WireOutput} writes, from one array, as protostuff's {@code ByteArrayInput} (nested
 * messages as groups) read them: the same tags end a group, the same varints are accepted. Only the tag is
 * checked here; what a field may hold, and every length against the bytes left, is {@link ValueReader}'s to
 * check. Reading past the end of the array throws {@link ArrayIndexOutOfBoundsException}, which the decoder
 * reports as a truncated message. One instance per message; not thread-safe.
 */
final class WireInput {
    private static final int WIRETYPE_END_GROUP = 4;
    /** Protostuff's end of a message in a stream (field 0); ends a group too. */
    private static final int WIRETYPE_TAIL_DELIMITER = 7;

    private final byte[] data;
    private int offset;
    private int lastTag;

    /**
     * Reads a whole array.
     *
     * @param data the message
     */
    WireInput(byte[] data) {
        this.data = data;
    }

    /**
     * Reads the next tag.
     *
     * @return its field number, or 0 at the end of a group or of the bytes
     * @throws CorruptDataException for field number 0 in a tag that ends nothing
     */
    int readFieldNumber() throws CorruptDataException {
        if (offset == data.length) {
            lastTag = 0;
            return 0;
        }
        int tag = readVarint32();
        int number = tag >>> 3;
        int wireType = tag & 7;
        if (number == 0) {
            if (wireType == WIRETYPE_TAIL_DELIMITER) {
                lastTag = 0;
                return 0;
            }
            throw new CorruptDataException("a tag with field number 0 (wire type " + wireType + ")");
        }
        if (wireType == WIRETYPE_END_GROUP) {
            lastTag = 0;
            return 0;
        }
        lastTag = tag;
        return number;
    }

    /**
     * The wire type of the tag {@link #readFieldNumber} read last.
     *
     * @return 0 to 7
     */
    int lastWireType() {
        return lastTag & 7;
    }

    /**
     * Where the next byte is.
     *
     * @return the offset in the message
     */
    int offset() {
        return offset;
    }

    /**
     * How many bytes are left.
     *
     * @return the count
     */
    int remaining() {
        return data.length - offset;
    }

    /**
     * Moves past bytes that were read another way (the contents of a length-delimited field).
     *
     * @param count how many, at most {@link #remaining()}
     */
    void skip(int count) {
        offset += count;
    }

    /**
     * Reads a boolean: one byte, true unless 0.
     *
     * @return the boolean
     */
    boolean readBool() {
        return data[offset++] != 0;
    }

    /**
     * Reads a zigzag-encoded 32-bit varint.
     *
     * @return the value
     * @throws CorruptDataException if the varint is longer than 10 bytes
     */
    int readSInt32() throws CorruptDataException {
        int n = readVarint32();
        return (n >>> 1) ^ -(n & 1);
    }

    /**
     * Reads a zigzag-encoded 64-bit varint.
     *
     * @return the value
     * @throws CorruptDataException if the varint is longer than 10 bytes
     */
    long readSInt64() throws CorruptDataException {
        long n = readVarint64();
        return (n >>> 1) ^ -(n & 1);
    }

    /**
     * Reads a double: its raw bits, little-endian.
     *
     * @return the value
     */
    double readDouble() {
        return Double.longBitsToDouble(readLittleEndian64());
    }

    /**
     * Reads a float: its raw bits, little-endian.
     *
     * @return the value
     */
    float readFloat() {
        return Float.intBitsToFloat(readLittleEndian32());
    }

    /**
     * Reads a varint as an int: its low 32 bits (a varint of up to 10 bytes, as protobuf writes a negative int32).
     *
     * @return the value
     * @throws CorruptDataException if the varint is longer than 10 bytes
     */
    int readVarint32() throws CorruptDataException {
        byte b = data[offset++];
        if (b >= 0) {
            return b;
        }
        int result = b & 0x7f;
        for (int shift = 7; shift < 35; shift += 7) {
            b = data[offset++];
            result |= (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        // Five bytes read and more follow: protobuf discards the upper bits of a 10-byte varint.
        for (int i = 0; i < 5; i++) {
            if (data[offset++] >= 0) {
                return result;
            }
        }
        throw new CorruptDataException("a varint longer than 10 bytes");
    }

    /**
     * Reads a varint of up to 10 bytes.
     *
     * @return the value
     * @throws CorruptDataException if the varint is longer than 10 bytes
     */
    long readVarint64() throws CorruptDataException {
        byte[] bytes = data;
        int at = offset;
        // The first five bytes unrolled, up to 35 bits: each read at a constant distance from the first, which
        // the JIT checks against the array's end once; a loop checked and counted byte by byte, and was half of
        // reading a list of Longs. Longer varints go through the loop, from the first byte again.
        long b = bytes[at];
        if (b >= 0) {
            offset = at + 1;
            return b;
        }
        long result = b & 0x7f;
        if ((b = bytes[at + 1]) >= 0) {
            offset = at + 2;
            return result | b << 7;
        }
        result |= (b & 0x7f) << 7;
        if ((b = bytes[at + 2]) >= 0) {
            offset = at + 3;
            return result | b << 14;
        }
        result |= (b & 0x7f) << 14;
        if ((b = bytes[at + 3]) >= 0) {
            offset = at + 4;
            return result | b << 21;
        }
        result |= (b & 0x7f) << 21;
        if ((b = bytes[at + 4]) >= 0) {
            offset = at + 5;
            return result | b << 28;
        }
        return readLongVarint64(bytes, at);
    }

    /** A varint of six bytes or more, from its first byte. */
    private long readLongVarint64(byte[] bytes, int at) throws CorruptDataException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[at++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                offset = at;
                return result;
            }
        }
        throw new CorruptDataException("a varint longer than 10 bytes");
    }

    private int readLittleEndian32() {
        int value = (data[offset] & 0xff)
                | (data[offset + 1] & 0xff) << 8
                | (data[offset + 2] & 0xff) << 16
                | (data[offset + 3] & 0xff) << 24;
        offset += 4;
        return value;
    }

    private long readLittleEndian64() {
        long low = readLittleEndian32() & 0xffffffffL;
        long high = readLittleEndian32() & 0xffffffffL;
        return low | high << 32;
    }
}
