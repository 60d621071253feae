package io.gipc.netty.internal.codec;

import io.protostuff.WireFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kind writes Protobuf's wire types out by hand (see its comment); they must be Protostuff's own. */
class KindTest {
    @Test
    void wireTypesAreProtostuffs() {
        assertTrue(Kind.valid(Kind.INT, WireFormat.WIRETYPE_VARINT));
        assertTrue(Kind.valid(Kind.STRING, WireFormat.WIRETYPE_LENGTH_DELIMITED));
        assertTrue(Kind.valid(Kind.DOUBLE, WireFormat.WIRETYPE_FIXED64));
        assertTrue(Kind.valid(Kind.FLOAT, WireFormat.WIRETYPE_FIXED32));
        assertTrue(Kind.valid(Kind.OBJECT, WireFormat.WIRETYPE_START_GROUP));
        assertFalse(Kind.valid(Kind.OBJECT, WireFormat.WIRETYPE_VARINT));
    }
}
