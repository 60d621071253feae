package io.gipc.netty.internal.process;

import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.GipcTarget1;
import io.gipc.GipcTarget0;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shipping functions and swapping handles, round-tripped inside one JVM. */
class FunctionShippingTest {
    static final AtomicReference<Object> SEEN = new AtomicReference<>();

    static void record(Object value) {
        SEEN.set(value);
    }

    @Test
    @SuppressWarnings("unchecked")
    void lambdasAndMethodReferencesRoundTripWithTheirCapturedValues() throws Exception {
        String prefix = "captured-";
        int n = 7;
        GipcTarget0 lambda = () -> record(prefix + n);
        ((GipcTarget0) FunctionShipping.decode(FunctionShipping.encode(lambda, "t", new ArrayList<>()), List.of()))
                .run();
        assertEquals("captured-7", SEEN.get());

        GipcTarget1<Object> ref = FunctionShippingTest::record;
        ((GipcTarget1<Object>) FunctionShipping.decode(FunctionShipping.encode(ref, "t", new ArrayList<>()),
                List.of())).run("by reference");
        assertEquals("by reference", SEEN.get());
    }

    @Test
    void aCapturedHandleBecomesASlotAndComesBack() throws Exception {
        GipcHandle h = new FakeHandle();
        List<GipcHandle> found = new ArrayList<>();
        GipcTarget0 lambda = () -> record(h);
        byte[] bytes = FunctionShipping.encode(lambda, "t", found);
        assertEquals(List.of(h), found);
        GipcHandle other = new FakeHandle();
        ((GipcTarget0) FunctionShipping.decode(bytes, List.of(other))).run();
        assertSame(other, SEEN.get());
    }

    @Test
    void handlesInsideCollectionsAreSwappedBothWays() {
        GipcHandle a = new FakeHandle();
        GipcHandle b = new FakeHandle();
        List<GipcHandle> found = new ArrayList<>();
        Object shipped = HandleGraph.extract(new ArrayList<>(List.of(Map.of("k", a), Optional.of(b),
                new Object[] {a})), found, "argument 0");
        assertEquals(List.of(a, b), found);
        GipcHandle a2 = new FakeHandle();
        GipcHandle b2 = new FakeHandle();
        List<?> back = (List<?>) HandleGraph.restore(shipped, List.of(a2, b2));
        assertSame(a2, ((Map<?, ?>) back.get(0)).get("k"));
        assertSame(b2, ((Optional<?>) back.get(1)).orElseThrow());
        assertSame(a2, ((Object[]) back.get(2))[0]);
    }

    static final class Holder {
        final GipcHandle handle;

        Holder(GipcHandle handle) {
            this.handle = handle;
        }
    }

    @Test
    void aHandleInAFieldIsRefusedNotDropped() {
        GipcException e = assertThrows(GipcException.class,
                () -> HandleGraph.extract(new Holder(new FakeHandle()), new ArrayList<>(), "argument 1"));
        assertTrue(e.getMessage().contains("argument 1.handle"), e.getMessage());
    }

    /** A stand-in handle: only its identity matters here. */
    static final class FakeHandle implements GipcHandle {
        @Override
        public void close() {
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public boolean isLocked() {
            return false;
        }
    }
}
