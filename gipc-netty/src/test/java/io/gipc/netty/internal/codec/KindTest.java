package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each kind has the wire type Protostuff's output wrote it with, and a tag of any other wire type or of no kind
 * must be refused.
 */
class KindTest {
    // Protobuf's wire types, as protostuff's WireFormat numbers them, written out here rather than taken from
    // Kind, so that a wrong number there fails.
    private static final int WIRETYPE_VARINT = 0;
    private static final int WIRETYPE_FIXED64 = 1;
    private static final int WIRETYPE_LENGTH_DELIMITED = 2;
    private static final int WIRETYPE_START_GROUP = 3;
    private static final int WIRETYPE_FIXED32 = 5;

    /** Each kind and the wire type Protostuff's output writes it with. */
    private static final Map<Integer, Integer> WIRE_TYPES = new LinkedHashMap<>();

    static {
        WIRE_TYPES.put(Kind.NULL, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.BOOL, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.INT, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.LONG, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.DOUBLE, WIRETYPE_FIXED64);
        WIRE_TYPES.put(Kind.STRING, WIRETYPE_LENGTH_DELIMITED);
        WIRE_TYPES.put(Kind.REF, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.OBJECT, WIRETYPE_START_GROUP);
        WIRE_TYPES.put(Kind.BYTES, WIRETYPE_LENGTH_DELIMITED);
        WIRE_TYPES.put(Kind.CLASS_NAME, WIRETYPE_LENGTH_DELIMITED);
        WIRE_TYPES.put(Kind.CLASS_ID, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.FLOAT, WIRETYPE_FIXED32);
        WIRE_TYPES.put(Kind.RAW, WIRETYPE_LENGTH_DELIMITED);
        WIRE_TYPES.put(Kind.STRING16, WIRETYPE_LENGTH_DELIMITED);
        WIRE_TYPES.put(Kind.HEADER, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.BYTE, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.SHORT, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.CHAR, WIRETYPE_VARINT);
        WIRE_TYPES.put(Kind.HANDLE, WIRETYPE_VARINT);
    }

    /** Every wire type a tag can carry (3 bits); 6 and 7 are unused by Protobuf. */
    private static final int[] ALL_WIRE_TYPES = {0, 1, 2, 3, 4, 5, 6, 7};

    @Test
    void everyKindIsListedOnce() {
        TreeSet<Integer> expected = new TreeSet<>();
        for (int kind = 1; kind <= Kind.MAX; kind++) {
            expected.add(kind);
        }
        assertEquals(
                expected,
                new TreeSet<>(WIRE_TYPES.keySet()),
                "a kind added to Kind needs its wire type here; kinds are numbered 1.." + Kind.MAX);
    }

    @Test
    void eachKindIsValidWithProtostuffsWireTypeOnly() {
        WIRE_TYPES.forEach((kind, wireType) -> {
            for (int w : ALL_WIRE_TYPES) {
                assertEquals(w == wireType, Kind.valid(kind, w), "kind " + kind + " with wire type " + w);
            }
        });
    }

    @Test
    void numbersThatAreNoKindAreRefused() {
        for (int w : ALL_WIRE_TYPES) {
            assertFalse(Kind.valid(0, w), "field number 0 with wire type " + w);
            assertFalse(Kind.valid(-1, w), "a negative field number with wire type " + w);
            assertFalse(Kind.valid(Kind.MAX + 1, w), "field number " + (Kind.MAX + 1) + " with wire type " + w);
        }
        assertTrue(Kind.valid(Kind.MAX, WIRE_TYPES.get(Kind.MAX)));
    }
}
