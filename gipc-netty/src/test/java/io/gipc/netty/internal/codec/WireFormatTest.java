package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The encoder writes the bytes protostuff's writer wrote, and keeps a thread's buffer between messages without
 * mixing two messages up; the decoder reads a string part that a message repeats once.
 */
class WireFormatTest {
    /**
     * Corpus files that cannot come back byte for byte: a set or map whose iteration order is drawn per JVM
     * ({@code Set.of}, {@code Map.of}; decoded here, it iterates in another order than when it was written), and a
     * view that is written as another class than the one it decodes to (a sub-list of {@code List.of}).
     */
    private static final List<String> NOT_REPRODUCIBLE =
            List.of("map-of-", "map-ofentries", "set-of-", "record-holding-map-of-", "list-of-sublist");

    /** Every corpus file was written by protostuff's writer: decoding it and encoding the value gives it back. */
    @Test
    void theCorpusWrittenByProtostuffIsWrittenAgainByteForByte() throws Exception {
        List<String> compared = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (Path file : corpus()) {
            String name = file.getFileName().toString();
            if (NOT_REPRODUCIBLE.stream().anyMatch(name::startsWith)) {
                continue;
            }
            byte[] written = Files.readAllBytes(file);
            compared.add(name);
            if (!java.util.Arrays.equals(written, DefaultCodec.encode(DefaultCodec.decode(written)))) {
                differing.add(name);
            }
        }
        assertTrue(compared.size() > 150, "only " + compared.size() + " corpus files compared");
        assertEquals(List.of(), differing);
    }

    @Test
    void everyVarintWidthAndSignComesBack() {
        List<Object> values = new ArrayList<>();
        for (int shift = 0; shift < 64; shift++) {
            long bit = 1L << shift;
            Collections.addAll(values, bit, -bit, bit - 1, (int) bit, (int) -bit, (int) (bit - 1));
        }
        Collections.addAll(values, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Collections.addAll(values, (char) 0xffff, (short) -1, (byte) -128, -0.0, Double.NaN, Float.MIN_VALUE);
        assertEquals(values, DefaultCodec.decode(DefaultCodec.encode(values)));
    }

    /** The unrolled writer and reader of 64-bit varints, against protobuf's rule, at every width from 1 to 10. */
    @Test
    void longsOfEveryWidthAreProtobufVarints() throws IOException {
        for (int shift = 0; shift < 64; shift++) {
            for (long value : new long[] {1L << shift, (1L << shift) - 1, -(1L << shift), ~((1L << shift) - 1)}) {
                WireOutput out = WireOutput.open();
                out.writeSInt64(Kind.LONG, value);
                byte[] written = out.toByteArray();
                out.release();
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.write(Kind.LONG << 3);
                for (long zigzag = (value << 1) ^ (value >> 63); ; zigzag >>>= 7) {
                    if ((zigzag & ~0x7FL) == 0) {
                        expected.write((int) zigzag);
                        break;
                    }
                    expected.write((int) (zigzag & 0x7F) | 0x80);
                }
                assertArrayEquals(expected.toByteArray(), written, "the bytes of " + value);
                WireInput in = new WireInput(written);
                assertEquals(Kind.LONG, in.readFieldNumber());
                assertEquals(value, in.readSInt64(), "read back");
                assertEquals(0, in.remaining(), "bytes left after " + value);
            }
        }
    }

    /** A varint of eleven bytes is refused, whatever its first bytes were read by. */
    @Test
    void aVarintLongerThanTenBytesIsRefused() {
        byte[] eleven = new byte[16];
        java.util.Arrays.fill(eleven, 0, 10, (byte) 0x80);
        CorruptDataException refused =
                assertThrows(CorruptDataException.class, () -> new WireInput(eleven).readVarint64());
        assertEquals("a varint longer than 10 bytes", refused.getMessage());
    }

    @Test
    void messagesLargerAndSmallerThanTheKeptBufferFollowEachOther() {
        for (int size : new int[] {WireOutput.KEPT_BYTES * 3, 10, WireOutput.KEPT_BYTES - 100, 0, 1 << 20, 3}) {
            byte[] payload = new byte[size];
            java.util.Arrays.fill(payload, (byte) size);
            assertArrayEquals(payload, (byte[]) DefaultCodec.decode(DefaultCodec.encode(payload)), "size " + size);
        }
    }

    @Test
    void aMessageEncodedWhileAnotherIsBeingWrittenHasABufferOfItsOwn() {
        List<Object> outer = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            outer.add(new EncodesItselfFirst("value " + i));
        }
        @SuppressWarnings("unchecked")
        List<Object> decoded = (List<Object>) DefaultCodec.decode(DefaultCodec.encode(outer));
        assertEquals(50, decoded.size());
        for (int i = 0; i < 50; i++) {
            byte[] inner = assertInstanceOf(byte[].class, decoded.get(i));
            assertEquals("value " + i, DefaultCodec.decode(inner));
        }
    }

    @Test
    void aStringPartRepeatedInAMessageIsDecodedOnce() {
        List<StackTraceElement> frames = List.of(
                new StackTraceElement(new String("com.example.Orders"), "place", "Orders.java", 10),
                new StackTraceElement(new String("com.example.Orders"), "place", "Orders.java", 12));
        @SuppressWarnings("unchecked")
        List<StackTraceElement> decoded = (List<StackTraceElement>) DefaultCodec.decode(DefaultCodec.encode(frames));
        assertEquals(frames, decoded);
        assertSame(decoded.get(0).getClassName(), decoded.get(1).getClassName());
        assertSame(decoded.get(0).getMethodName(), decoded.get(1).getMethodName());
        assertSame(decoded.get(0).getFileName(), decoded.get(1).getFileName());
    }

    @Test
    void shortStringPartsThatShareASlotStayApart() {
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            frames.add(new StackTraceElement("C" + i, "m" + (i % 7), i % 3 == 0 ? null : "F" + (i % 11) + ".java", i));
        }
        assertEquals(frames, DefaultCodec.decode(DefaultCodec.encode(frames)));
    }

    /** Replaced, as it is written, by a message of its own, encoded on the same thread in the middle of the outer. */
    static final class EncodesItselfFirst implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String value;

        EncodesItselfFirst(String value) {
            this.value = value;
        }

        private Object writeReplace() {
            return DefaultCodec.encode(value);
        }
    }

    private static List<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(WireFormatTest.class.getResource("/fuzz/corpus").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }
}
