package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcCodecException;
import io.gipc.GipcHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The codec's extension point for {@code Gipc.startProcess}: with a {@link HandleSink}, a handle anywhere in a value
 * is written as a slot and read back as the handle the reading side gives for it; without one, it is refused.
 */
class DefaultCodecHandleTest {
    /** A plain object holding a handle in a field. */
    static final class Job {
        final String name;
        final GipcHandle out;

        Job(String name, GipcHandle out) {
            this.name = name;
            this.out = out;
        }
    }

    private final GipcHandle a = new DefaultCodecFailureTest.FakeHandle();
    private final GipcHandle b = new DefaultCodecFailureTest.FakeHandle();
    /** What the child side gives back for slots 0 and 1. */
    private final GipcHandle a2 = new DefaultCodecFailureTest.FakeHandle();

    private final GipcHandle b2 = new DefaultCodecFailureTest.FakeHandle();
    private final IntFunction<GipcHandle> child = List.of(a2, b2)::get;

    @Test
    void aHandleInARecordComponentBecomesASlot() {
        HandleSink sink = new HandleSink();
        byte[] bytes = DefaultCodec.encode(new Fixtures.Holder(a), sink);
        assertEquals(List.of(a), sink.handles());
        Fixtures.Holder back = (Fixtures.Holder) DefaultCodec.decode(bytes, child);
        assertSame(a2, back.value());
    }

    @Test
    void aHandleInAMapValueAFieldAnArrayAndAnOptionalBecomesASlot() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("direct", a);
        map.put("job", new Job("j", b));
        map.put("array", new GipcHandle[] {b});
        map.put("optional", Optional.of(a));
        HandleSink sink = new HandleSink();
        Map<?, ?> back = (Map<?, ?>) DefaultCodec.decode(DefaultCodec.encode(map, sink), child);
        assertEquals(List.of(a, b), sink.handles());
        assertSame(a2, back.get("direct"));
        assertSame(b2, ((Job) back.get("job")).out);
        assertSame(b2, ((GipcHandle[]) back.get("array"))[0]);
        assertSame(a2, ((Optional<?>) back.get("optional")).orElseThrow());
    }

    @Test
    void aHandleCapturedByALambdaBecomesASlot() {
        GipcHandle captured = a;
        Fixtures.SFunction<String, Object> lambda = s -> s.isEmpty() ? captured : s;
        HandleSink sink = new HandleSink();
        byte[] bytes = DefaultCodec.encode(lambda, sink);
        assertEquals(List.of(a), sink.handles());
        @SuppressWarnings("unchecked")
        Fixtures.SFunction<String, Object> back =
                (Fixtures.SFunction<String, Object>) DefaultCodec.decode(bytes, child);
        assertSame(a2, back.apply(""));
    }

    @Test
    void theSameHandleGetsOneSlotWithinAValueAndAcrossValues() {
        HandleSink sink = new HandleSink();
        List<?> back =
                (List<?>) DefaultCodec.decode(DefaultCodec.encode(new ArrayList<>(List.of(a, b, a)), sink), child);
        DefaultCodec.encode(new Fixtures.Holder(b), sink);
        assertEquals(List.of(a, b), sink.handles());
        assertEquals(List.of(a2, b2, a2), back);
        assertSame(back.get(0), back.get(2));
    }

    @Test
    void withoutASinkHandlesAreRefusedBothWays() {
        GipcCodecException refused =
                assertThrows(GipcCodecException.class, () -> DefaultCodec.encode(new Fixtures.Holder(a)));
        assertTrue(refused.getMessage().contains("a handle cannot travel inside a message"), refused.getMessage());

        byte[] withHandle = DefaultCodec.encode(List.of(a), new HandleSink());
        GipcCodecException unreadable = assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(withHandle));
        assertTrue(unreadable.getMessage().contains("transferred handle (slot 0)"), unreadable.getMessage());
    }

    @Test
    void aSlotWithoutAHandleFailsTheDecode() {
        byte[] bytes = DefaultCodec.encode(List.of(a, b), new HandleSink());
        GipcCodecException missing =
                assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(bytes, List.of(a2)::get));
        assertTrue(missing.getMessage().contains("no transferred handle for slot 1"), missing.getMessage());
        assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(bytes, slot -> null));
    }
}
