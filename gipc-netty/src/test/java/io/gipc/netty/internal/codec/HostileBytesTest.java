package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcCodecException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages a hostile peer could send to the default decoder: each ends in a {@link GipcCodecException} saying what
 * was wrong, quickly, having allocated little; never in an {@link OutOfMemoryError} or minutes of work.
 */
@Timeout(120)
class HostileBytesTest {
    /** Bytes a decode of a message may allocate beyond a small multiple of its size (class set-up included). */
    private static final long ALLOCATION_SLACK = 16L << 20;

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Decodes, expecting a refusal; checks what the decode allocated. */
    private static String refusal(byte[] message) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        GipcCodecException e = assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(message));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(
                allocated < 64L * message.length + ALLOCATION_SLACK,
                "decoding " + message.length + " bytes allocated " + allocated + " bytes: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "\"" + message + "\" should mention \"" + part + "\"");
        }
    }

    @Test
    void aByteArrayClaimingTwoGibibytesIsRefusedNotAllocated() {
        assertMentions(refusal(hex("78014affffffff07")), "8 bytes", "a byte[] of 2147483647 bytes with 0 bytes left");
    }

    @Test
    void aStringClaimingTwoGibibytesIsRefusedNotAllocated() {
        assertMentions(refusal(hex("780172ffffffff07")), "a UTF-16 string of 2147483647 bytes with 0 bytes left");
        assertMentions(refusal(hex("780132ffffffff07")), "a string of 2147483647 bytes with 0 bytes left");
    }

    @Test
    void aLengthThatOverflowsTheOffsetIsRefusedNotAllocated() {
        // Protostuff's own check, offset + size > limit, overflows here and let a 2 GiB array be allocated.
        assertMentions(refusal(hex("78014af9ffffff077800")), "a byte[] of 2147483641 bytes with 2 bytes left");
    }

    @Test
    void aBoundedQueueCapacityTheMessageCannotHoldIsRefused() {
        String message = refusal(hex("78014352276a6176612e7574696c2e636f6e63757272656e742e4172726179426c6f636b696e67"
                + "517565756518809c9c39447800"));
        assertMentions(message, "java.util.concurrent.ArrayBlockingQueue with a capacity", "52 bytes");
    }

    @Test
    void boundedQueuesWithRoomToSpareStillTravel() {
        ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(100_000);
        queue.add("one");
        @SuppressWarnings("unchecked")
        ArrayBlockingQueue<String> back = (ArrayBlockingQueue<String>) DefaultCodec.decode(DefaultCodec.encode(queue));
        assertEquals(List.of("one"), new ArrayList<>(back));
        assertEquals(99_999, back.remainingCapacity());
    }

    @Test
    void nestedSetsSharingTheirElementsRunOutOfBudgetInsteadOfForAges() {
        byte[] message = DefaultCodec.encode(HostileGraphs.serialDos(100));
        assertTrue(message.length < 2_000, message.length + " bytes");
        assertMentions(
                refusal(message), "costs too much work", "java.util.HashSet", DecodeBudget.WORK_PER_BYTE_PROPERTY);
    }

    /** A list that holds itself twice over, {@code levels} deep: hashing it visits 2^levels lists. */
    static Object doublingLists(int levels) {
        Object level = "leaf";
        for (int i = 0; i < levels; i++) {
            level = new ArrayList<>(List.of(level, level));
        }
        return level;
    }

    @Test
    void theSameGraphInMapKeysAndConcurrentSetsRunsOutOfBudgetToo() {
        // Each container is given its element while that element is still empty, so building it here is cheap.
        List<Object> key = new ArrayList<>();
        Map<Object, Object> map = new HashMap<>();
        map.put(key, 1);
        Set<Object> concurrentSet = ConcurrentHashMap.newKeySet();
        List<Object> element = new ArrayList<>();
        concurrentSet.add(element);
        key.add(doublingLists(80));
        element.add(doublingLists(80));
        assertMentions(refusal(DefaultCodec.encode(map)), "costs too much work", "java.util.HashMap");
        assertMentions(refusal(DefaultCodec.encode(concurrentSet)), "costs too much work");
    }

    @Test
    void aHugeNCopiesListCostsItsSizeWhenHashed() {
        List<Object> huge = Collections.nCopies(Integer.MAX_VALUE, "x");
        assertEquals(
                Integer.MAX_VALUE,
                ((List<?>) DefaultCodec.decode(DefaultCodec.encode(huge))).size(),
                "a list alone is not hashed");
        List<Object> holder = new ArrayList<>();
        Set<Object> set = new HashSet<>();
        set.add(holder);
        holder.add(huge);
        assertMentions(refusal(DefaultCodec.encode(set)), "costs too much work");
    }

    private static Map<List<Object>, Integer> keysSharingAList(int keys) {
        List<Integer> shared = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            shared.add(i);
        }
        Map<List<Object>, Integer> map = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            map.put(List.of(i, shared), i);
        }
        return map;
    }

    @Test
    void ordinarySharedGraphsStayWithinBudget() {
        Map<List<Object>, Integer> map = keysSharingAList(200);
        assertEquals(map, DefaultCodec.decode(DefaultCodec.encode(map)));
        // Built the cheap way, the original's sets hold their elements under the hash codes they had while empty,
        // so it equals no copy of itself; its copy decodes, with its two sets.
        assertEquals(2, ((Set<?>) DefaultCodec.decode(DefaultCodec.encode(HostileGraphs.serialDos(8)))).size());
    }

    @Test
    void aMessageWhoseKeysShareMuchIsRefusedUnlessTheBudgetIsRaised() {
        // 1,000 keys each hashing the same 1,000-element list: a million steps for 15 KB, 67 per byte.
        Map<List<Object>, Integer> map = keysSharingAList(1_000);
        byte[] message = DefaultCodec.encode(map);
        assertMentions(refusal(message), "costs too much work", DecodeBudget.WORK_PER_BYTE_PROPERTY);
        System.setProperty(DecodeBudget.WORK_PER_BYTE_PROPERTY, "100");
        try {
            assertEquals(map, DefaultCodec.decode(message));
        } finally {
            System.clearProperty(DecodeBudget.WORK_PER_BYTE_PROPERTY);
        }
    }

    @Test
    void aPatternWhoseCanonicalEquivalentsAreCountlessIsRefusedBeforeCompiling() {
        // Combining marks of different classes: CANON_EQ compiles every order of them (9! here, minutes).
        String marks = "a\u0300\u0316\u0334\u0327\u0345\u05B0\u05B1\u0E38\u0F71";
        assertMentions(
                refusal(patternMessage(marks)),
                "compiling with CANON_EQ a java.util.regex.Pattern",
                "costs too much work");
        Pattern few = Pattern.compile("a\u0300\u0316", Pattern.CANON_EQ);
        assertEquals(few.pattern(), ((Pattern) DefaultCodec.decode(DefaultCodec.encode(few))).pattern());
    }

    /**
     * The encoding of a CANON_EQ pattern, made without compiling it (which would take minutes here): a pattern of
     * as many 'Q's as the regex has UTF-8 bytes, the 'Q's then overwritten.
     */
    private static byte[] patternMessage(String regex) {
        byte[] utf8 = regex.getBytes(StandardCharsets.UTF_8);
        String placeholder = "Q".repeat(utf8.length);
        byte[] message = DefaultCodec.encode(Pattern.compile(placeholder, Pattern.CANON_EQ));
        int at = new String(message, StandardCharsets.ISO_8859_1).indexOf(placeholder);
        System.arraycopy(utf8, 0, message, at, utf8.length);
        return message;
    }

    static final class Tree {
        Set<Node> children = new HashSet<>();
    }

    static final class Node {
        Tree owner;
        List<Object> siblings;
    }

    @Test
    void aSetHoldingItselfThroughACollectionIsRefusedButParentPointersTravel() {
        Set<Object> set = new HashSet<>();
        List<Object> list = new ArrayList<>();
        set.add(list); // hashed while empty: the cycle closes after
        list.add(set);
        list.add(HostileGraphs.serialDos(5));
        assertMentions(refusal(DefaultCodec.encode(set)), "holds a collection or map that holds it in turn");

        Tree tree = new Tree();
        for (int i = 0; i < 1_000; i++) {
            Node node = new Node();
            node.owner = tree; // a plain object's hash code is its own: this cycle costs nothing to hash
            node.siblings = new ArrayList<>();
            tree.children.add(node);
        }
        Tree back = (Tree) DefaultCodec.decode(DefaultCodec.encode(tree));
        assertEquals(1_000, back.children.size());
        assertTrue(back.children.stream().allMatch(n -> n.owner == back));
    }

    @Test
    void copyOnWriteListsAreFilledAtOnce() {
        List<Integer> elements = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            elements.add(i);
        }
        List<Integer> list = new CopyOnWriteArrayList<>(elements);
        byte[] message = DefaultCodec.encode(list);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Object back = DefaultCodec.decode(message);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(list, back);
        assertInstanceOf(CopyOnWriteArrayList.class, back);
        // One add at a time copied the array each time: about 80 GB for this list.
        assertTrue(allocated < 64L * message.length + ALLOCATION_SLACK, allocated + " bytes");
    }
}
