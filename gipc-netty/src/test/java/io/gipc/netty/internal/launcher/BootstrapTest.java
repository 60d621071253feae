package io.gipc.netty.internal.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bootstrap message's own layout: what the parent writes the child reads back, and garbage is named. */
class BootstrapTest {
    private static Bootstrap sample() {
        Map<String, byte[]> kwargs = new LinkedHashMap<>();
        kwargs.put("zeta", new byte[] {9});
        kwargs.put("älpha", new byte[0]);
        kwargs.put("mid", new byte[] {1, 2, 3});
        return new Bootstrap(
                "worker-ü-7",
                true,
                List.of(new byte[] {4, 5}, new byte[] {6}),
                new byte[] {7, 8, 9, 10},
                List.of(new byte[0], new byte[] {11}),
                kwargs);
    }

    @Test
    void whatIsWrittenIsReadBackInOrder() {
        Bootstrap sent = sample();
        Bootstrap got = Bootstrap.fromBytes(sent.toBytes());
        assertEquals(sent.name(), got.name());
        assertEquals(sent.daemon(), got.daemon());
        assertLists(sent.handles(), got.handles());
        assertArrayEquals(sent.target(), got.target());
        assertLists(sent.args(), got.args());
        assertEquals(
                new ArrayList<>(sent.kwargs().keySet()),
                new ArrayList<>(got.kwargs().keySet()));
        for (String key : sent.kwargs().keySet()) {
            assertArrayEquals(sent.kwargs().get(key), got.kwargs().get(key), key);
        }

        Bootstrap empty = new Bootstrap("", false, List.of(), new byte[0], List.of(), new LinkedHashMap<>());
        Bootstrap back = Bootstrap.fromBytes(empty.toBytes());
        assertEquals("", back.name());
        assertEquals(false, back.daemon());
        assertTrue(back.handles().isEmpty()
                && back.args().isEmpty()
                && back.kwargs().isEmpty());
    }

    @Test
    void anotherLayoutIsRefusedWithItsMark() {
        byte[] bytes = sample().toBytes();
        bytes[3] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.fromBytes(bytes));
        assertTrue(e.getMessage().contains("0x67420002"), e.getMessage());
        assertTrue(e.getMessage().contains("another gipc version"), e.getMessage());
    }

    @Test
    void aMessageCutShortAnywhereIsRefusedNeverMisread() {
        byte[] whole = sample().toBytes();
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Bootstrap.fromBytes(cut), "cut at " + n);
            assertTrue(e.getMessage().contains("of " + n + ")"), e.getMessage());
        }
    }

    @Test
    void lengthsAndCountsBeyondTheMessageAndBytesAfterItAreNamed() {
        byte[] whole = sample().toBytes();
        // the name's length, right after the mark
        byte[] longName = whole.clone();
        ByteBuffer.wrap(longName).putInt(4, 1 << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.fromBytes(longName));
        assertTrue(e.getMessage().contains("the length of the name is 1048576"), e.getMessage());

        // the count of handles, after the mark, the name and the daemon flag
        int handlesAt = 4 + 4 + "worker-ü-7".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        byte[] manyHandles = whole.clone();
        ByteBuffer.wrap(manyHandles).putInt(handlesAt, Integer.MAX_VALUE);
        e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.fromBytes(manyHandles));
        assertTrue(e.getMessage().contains("the count of the handles is 2147483647"), e.getMessage());

        byte[] trailing = Arrays.copyOf(whole, whole.length + 3);
        e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.fromBytes(trailing));
        assertTrue(e.getMessage().contains("3 byte(s) after the end"), e.getMessage());
    }

    private static void assertLists(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "entry " + i);
        }
    }
}
