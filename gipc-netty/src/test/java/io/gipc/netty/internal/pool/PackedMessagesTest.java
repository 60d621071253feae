package io.gipc.netty.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcTask1;
import io.gipc.netty.internal.codec.DefaultCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks and answers that go several in one message, packed into fewer values and unpacked as they were. */
class PackedMessagesTest {
    private static final GipcTask1<Integer, Integer> SQUARE = x -> x * x;

    private static WireMessages.Call call(int number, Object a, Object b, int slot) {
        return new WireMessages.Call(number, null, a, b, slot);
    }

    private static List<Object> unpacked(List<Object> packed) {
        List<Object> messages = new ArrayList<>();
        PackedMessages.unpack(packed, messages);
        return messages;
    }

    @Test
    void aRunOfCallsOfOneTaskIsOneValueAcrossTheEndOfTheRingAndUnpacksAsItWas() {
        int last = ClaimBoard.SLOTS - 1;
        List<Object> calls = List.of(
                call(3, 7, null, last - 1), call(3, null, null, last), call(3, 9, null, 0), call(3, 10, null, 1));
        List<Object> packed = PackedMessages.pack(calls);
        assertEquals(1, packed.size());
        WireMessages.Calls run = assertInstanceOf(WireMessages.Calls.class, packed.get(0));
        assertEquals(Arrays.asList(7, null, 9, 10), run.as());
        assertNull(run.bs(), "no second arguments: no list of them");
        assertEquals(calls, unpacked(packed));
    }

    @Test
    void secondArgumentsTravelWithTheirCallsNullsIncluded() {
        List<Object> calls = List.of(call(1, "a", null, 5), call(1, "b", 2L, 6), call(1, "c", null, 7));
        List<Object> packed = PackedMessages.pack(calls);
        WireMessages.Calls run = assertInstanceOf(WireMessages.Calls.class, packed.get(0));
        assertEquals(Arrays.asList(null, 2L, null), run.bs());
        assertEquals(calls, unpacked(packed));
    }

    @Test
    void aRunEndsAtATaskSentWholeAnotherTaskAGapInTheSlotsOrABatch() {
        WireMessages.Call whole = new WireMessages.Call(1, SQUARE, 1, null, 0);
        WireMessages.Batch batch = new WireMessages.Batch(1, null, List.of(1, 2), 4, 9L);
        WireMessages.Call unnumbered = new WireMessages.Call(TaskCatalog.NONE, SQUARE, 8, null, 9);
        List<Object> messages = List.of(
                whole,
                call(1, 2, null, 1),
                call(1, 3, null, 2),
                batch,
                call(1, 5, null, 5),
                call(2, 6, null, 6),
                call(2, 7, null, 7),
                call(2, 8, null, 10),
                unnumbered,
                unnumbered);
        List<Object> packed = PackedMessages.pack(messages);
        assertEquals(whole, packed.get(0), "a call with its task whole goes as it is");
        assertEquals(List.of(2, 3), ((WireMessages.Calls) packed.get(1)).as());
        assertEquals(batch, packed.get(2));
        assertEquals(call(1, 5, null, 5), packed.get(3), "a run of one goes as it is");
        assertEquals(List.of(6, 7), ((WireMessages.Calls) packed.get(4)).as());
        assertEquals(call(2, 8, null, 10), packed.get(5), "a gap in the slots ends a run");
        assertEquals(unnumbered, packed.get(6));
        assertEquals(unnumbered, packed.get(7));
        assertEquals(8, packed.size());
        assertEquals(messages, unpacked(packed));
    }

    @Test
    void packedCallsCrossTheCodecAsTheSameCallsInFewerBytes() {
        List<Object> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(call(4, 1000 + i, null, (60 + i) % ClaimBoard.SLOTS));
        }
        byte[] packed = DefaultCodec.encode(new WireMessages.Several(PackedMessages.pack(calls), true));
        byte[] plain = DefaultCodec.encode(new WireMessages.Several(calls, true));
        WireMessages.Several decoded = (WireMessages.Several) DefaultCodec.decode(packed);
        assertEquals(calls, unpacked(decoded.messages()));
        assertTrue(packed.length < plain.length, packed.length + " bytes packed, " + plain.length + " not");
    }

    @Test
    void answersThatAreAllValuesGoAsValuesAndComeBackAsOutcomes() {
        List<Object> answers = List.of(
                new WireMessages.Outcome(1, null),
                new WireMessages.Outcome(null, null),
                new WireMessages.Outcome("x", null));
        Object message = PackedMessages.answers(answers);
        WireMessages.Values values = assertInstanceOf(WireMessages.Values.class, message);
        assertEquals(Arrays.asList(1, null, "x"), values.values());
        assertEquals(answers, PackedMessages.unpackAnswers(DefaultCodec.decode(DefaultCodec.encode(message))));
    }

    @Test
    void answersWithAFailureASkipOrABatchGoAsTheyAre() {
        IllegalStateException boom = new IllegalStateException("boom");
        for (Object other : List.of(
                new WireMessages.Outcome(null, boom),
                WireMessages.Signal.SKIPPED,
                new WireMessages.BatchOutcome(List.of(1), null),
                new WireMessages.Unreadable("no such class"))) {
            List<Object> answers = List.of(new WireMessages.Outcome(1, null), other);
            WireMessages.Answers message =
                    assertInstanceOf(WireMessages.Answers.class, PackedMessages.answers(answers));
            assertEquals(answers, message.answers());
            assertEquals(answers, PackedMessages.unpackAnswers(message));
        }
    }

    @Test
    void malformedPackedCallsAreRefusedWithWhatWasWrong() {
        IllegalArgumentException slot = assertThrows(
                IllegalArgumentException.class, () -> new WireMessages.Calls(1, ClaimBoard.SLOTS, List.of(1), null));
        assertTrue(slot.getMessage().contains("first slot " + ClaimBoard.SLOTS), slot.getMessage());
        IllegalArgumentException sizes = assertThrows(
                IllegalArgumentException.class, () -> new WireMessages.Calls(1, 0, List.of(1, 2), List.of(3)));
        assertTrue(sizes.getMessage().contains("2 first arguments but 1 second ones"), sizes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WireMessages.Calls(1, -1, List.of(1), null));
        // and through the codec, which rebuilds a record with its canonical constructor
        byte[] good = DefaultCodec.encode(new WireMessages.Calls(1, 0, List.of(1, 2), Arrays.asList(3, null)));
        assertInstanceOf(WireMessages.Calls.class, DefaultCodec.decode(good));
    }
}
