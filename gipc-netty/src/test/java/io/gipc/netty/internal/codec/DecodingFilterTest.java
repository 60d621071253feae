package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Decoder;
import io.gipc.GipcCodecException;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The default codec's decoding filter: per decoder, per JVM, and what it leaves alone. */
class DecodingFilterTest {
    static final class Gadget {
        String command = "rm -rf /";
    }

    record Order(String item, int count) {}

    @AfterEach
    void clearProperty() {
        System.clearProperty(DecodingFilter.PROPERTY);
    }

    private static String refusal(Function<byte[], Object> decode, Object value) {
        byte[] bytes = DefaultCodec.encode(value);
        return assertThrows(GipcCodecException.class, () -> decode.apply(bytes)).getMessage();
    }

    @Test
    void aFilterRefusesTheClassesItDoesNotAllowNamingThem() {
        String allowOrders = Order.class.getName() + ";java.util.*;!*";
        String message = refusal(b -> DefaultCodec.decode(b, allowOrders), new ArrayList<>(List.of(new Gadget())));
        assertTrue(
                message.contains(
                        "class " + Gadget.class.getName() + " is refused by the decoding filter '" + allowOrders + "'"),
                message);
        List<Order> orders = new ArrayList<>(List.of(new Order("tea", 2)));
        assertEquals(orders, DefaultCodec.decode(DefaultCodec.encode(orders), allowOrders));
        assertEquals(
                "just a string",
                DefaultCodec.decode(DefaultCodec.encode("just a string"), "!*"),
                "strings and boxes are values, not classes");
    }

    @Test
    void aFilterLimitsDepthReferencesAndArrays() {
        List<Object> deep = new LinkedList<>();
        List<Object> level = deep;
        for (int i = 0; i < 10; i++) {
            List<Object> inner = new LinkedList<>();
            level.add(inner);
            level = inner;
        }
        assertTrue(refusal(b -> DefaultCodec.decode(b, "maxdepth=5"), deep).contains("depth 6"));
        assertEquals(deep, DefaultCodec.decode(DefaultCodec.encode(deep), "maxdepth=20"));
        assertTrue(refusal(b -> DefaultCodec.decode(b, "maxarray=3"), new String[] {"a", "b", "c", "d"})
                .contains("an array of 4"));
        assertTrue(refusal(b -> DefaultCodec.decode(b, "maxarray=3"), new int[] {1, 2, 3, 4})
                .contains("an array of 4"));
        assertTrue(refusal(
                        b -> DefaultCodec.decode(b, "maxrefs=3"),
                        new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>())))
                .contains("refused"));
    }

    @Test
    void theJvmsFilterAppliesToTheDefaultDecoderButNotToAChildsStartUp() {
        System.setProperty(DecodingFilter.PROPERTY, "!" + Gadget.class.getName());
        String message = refusal(DefaultCodec::decode, new Gadget());
        assertTrue(message.contains("class " + Gadget.class.getName() + " is refused"), message);
        byte[] startUp = DefaultCodec.encode(new Gadget(), new HandleSink());
        assertInstanceOf(Gadget.class, DefaultCodec.decode(startUp, slot -> null), "the parent is trusted");
        assertInstanceOf(
                Gadget.class,
                decodeWith(DefaultCodec.decoder("java.*"), DefaultCodec.encode(new Gadget())),
                "a pipe's own filter replaces the JVM's");
    }

    private static Object decodeWith(Decoder<Object> decoder, byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMessageCarryingHandlesIsFilteredLikeAnyOtherOfItsPipe() {
        byte[] bytes = DefaultCodec.encode(new Gadget(), new HandleSink());
        Decoder<Object> filtered = DefaultCodec.decoder("!" + Gadget.class.getName());
        assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(bytes, slot -> null, filtered));
        assertInstanceOf(Gadget.class, DefaultCodec.decode(bytes, slot -> null, DefaultCodec.DECODER));
        System.setProperty(DecodingFilter.PROPERTY, "!" + Gadget.class.getName());
        assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(bytes, slot -> null, DefaultCodec.DECODER));
        assertThrows(IllegalArgumentException.class, () -> DefaultCodec.decode(bytes, slot -> null, b -> b));
    }

    @Test
    void aMalformedPropertyFailsEachDecodeNamingIt() {
        System.setProperty(DecodingFilter.PROPERTY, "maxdepth=deep");
        String message = refusal(DefaultCodec::decode, "x");
        assertTrue(message.contains(DecodingFilter.PROPERTY), message);
        assertThrows(IllegalArgumentException.class, () -> DefaultCodec.decoder("maxdepth=deep"));
    }

    @Test
    void aFilteredDecoderTravelsWithItsFilter() throws Exception {
        Decoder<Object> filtered = DefaultCodec.decoder("!" + Gadget.class.getName());
        @SuppressWarnings("unchecked")
        Decoder<Object> shipped = (Decoder<Object>) DefaultCodec.decode(DefaultCodec.encode(filtered));
        assertTrue(DefaultCodec.isDefault(shipped));
        byte[] gadget = DefaultCodec.encode(new Gadget());
        GipcCodecException e = assertThrows(GipcCodecException.class, () -> shipped.decode(gadget));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertEquals("fine", shipped.decode(DefaultCodec.encode("fine")));
    }
}
