package io.gipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GipcPipeOptionsTest {
    @Test
    void defaultLimitIsTheLargestJavaArray() {
        assertEquals(Integer.MAX_VALUE - 8, GipcPipeOptions.defaults().maxMessageLength());
    }

    @Test
    void limitIsCheckedAndImmutable() {
        GipcPipeOptions small = GipcPipeOptions.defaults().withMaxMessageLength(10);
        assertEquals(10, small.maxMessageLength());
        assertEquals(Integer.MAX_VALUE - 8, GipcPipeOptions.defaults().maxMessageLength());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> GipcPipeOptions.defaults().withMaxMessageLength(-1));
        assertTrue(e.getMessage().contains("-1"));
        assertThrows(IllegalArgumentException.class, () -> small.withMaxMessageLength(Integer.MAX_VALUE));
        assertEquals(small, GipcPipeOptions.defaults().withMaxMessageLength(10));
    }

    @Test
    void decodingFilterIsCheckedKeptBesideTheLimitAndPartOfEquality() {
        assertEquals(null, GipcPipeOptions.defaults().decodingFilter());
        GipcPipeOptions filtered =
                GipcPipeOptions.defaults().withMaxMessageLength(10).withDecodingFilter("java.*;!*");
        assertEquals("java.*;!*", filtered.decodingFilter());
        assertEquals(
                10, filtered.withMaxMessageLength(20).withMaxMessageLength(10).maxMessageLength());
        assertEquals("java.*;!*", filtered.withMaxMessageLength(20).decodingFilter());
        assertEquals(
                filtered,
                GipcPipeOptions.defaults().withDecodingFilter("java.*;!*").withMaxMessageLength(10));
        assertEquals(
                filtered.hashCode(),
                GipcPipeOptions.defaults()
                        .withDecodingFilter("java.*;!*")
                        .withMaxMessageLength(10)
                        .hashCode());
        assertTrue(!filtered.equals(filtered.withDecodingFilter(null)));
        assertTrue(filtered.toString().contains("decodingFilter=java.*;!*"), filtered.toString());
        assertThrows(
                IllegalArgumentException.class, () -> GipcPipeOptions.defaults().withDecodingFilter(""));
        assertThrows(
                IllegalArgumentException.class, () -> GipcPipeOptions.defaults().withDecodingFilter("maxrefs=-x"));
    }
}
