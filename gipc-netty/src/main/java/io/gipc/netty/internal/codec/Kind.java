package io.gipc.netty.internal.codec;

/**
 * The field numbers of the default codec's wire format. In protostuff's format every value is one field whose
 * number says what kind of value it is; composite values are groups whose first field names their class.
 * Numbers up to 15 take a one-byte tag, so the most frequent kinds get them.
 */
final class Kind {
    static final int NULL = 1;
    static final int BOOL = 2;
    static final int INT = 3;
    static final int LONG = 4;
    static final int DOUBLE = 5;
    static final int STRING = 6;
    /** A back reference to an object written earlier in the same message, by its number. */
    static final int REF = 7;
    /** A group: a class reference, then the contents its {@link TypeHandler} writes. */
    static final int OBJECT = 8;
    /** A {@code byte[]}, carried as is. */
    static final int BYTES = 9;
    /** A class reference naming a class for the first time in the message. */
    static final int CLASS_NAME = 10;
    /** A class reference to a class named earlier, by its number. */
    static final int CLASS_ID = 11;

    static final int FLOAT = 12;
    /** Bytes private to a handler (a BigInteger's magnitude, a primitive array's elements). */
    static final int RAW = 13;
    /** A string holding an unpaired surrogate, which UTF-8 cannot carry: its UTF-16 code units. */
    static final int STRING16 = 14;
    /** The format version at the start of a message; 0 at its end. */
    static final int HEADER = 15;

    static final int BYTE = 16;
    static final int SHORT = 17;
    static final int CHAR = 18;
    /** A handle being transferred (to a child, or in a pipe message), by its slot in the {@link HandleSink}. */
    static final int HANDLE = 19;

    static final int MAX = HANDLE;

    /** The format version written in the header. */
    static final int FORMAT_VERSION = 1;

    // Protobuf's wire types, fixed by the format (protostuff's WireFormat has the same numbers).
    private static final int WIRETYPE_VARINT = 0;
    private static final int WIRETYPE_FIXED64 = 1;
    private static final int WIRETYPE_LENGTH_DELIMITED = 2;
    private static final int WIRETYPE_START_GROUP = 3;
    private static final int WIRETYPE_FIXED32 = 5;

    private static final int[] WIRE_TYPE = new int[MAX + 1];

    static {
        int varint = WIRETYPE_VARINT;
        int delimited = WIRETYPE_LENGTH_DELIMITED;
        for (int kind : new int[] {NULL, BOOL, INT, LONG, REF, CLASS_ID, HEADER, BYTE, SHORT, CHAR, HANDLE}) {
            WIRE_TYPE[kind] = varint;
        }
        for (int kind : new int[] {STRING, BYTES, CLASS_NAME, RAW, STRING16}) {
            WIRE_TYPE[kind] = delimited;
        }
        WIRE_TYPE[DOUBLE] = WIRETYPE_FIXED64;
        WIRE_TYPE[FLOAT] = WIRETYPE_FIXED32;
        WIRE_TYPE[OBJECT] = WIRETYPE_START_GROUP;
    }

    private Kind() {}

    /**
     * Tells whether a tag read from the wire is one this format writes.
     *
     * @param kind the field number
     * @param wireType the wire type of the tag
     * @return true if the kind exists and has that wire type
     */
    static boolean valid(int kind, int wireType) {
        return kind > 0 && kind <= MAX && WIRE_TYPE[kind] == wireType;
    }
}
