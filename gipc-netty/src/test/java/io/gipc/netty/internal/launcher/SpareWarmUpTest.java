package io.gipc.netty.internal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.Gipc;
import io.gipc.GipcTarget;
import io.gipc.GipcTarget0;
import io.gipc.GipcTarget1;
import io.gipc.GipcTarget2;
import io.gipc.GipcTarget3;
import io.gipc.GipcTarget4;
import io.gipc.netty.internal.codec.DefaultCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a spare warms up while it waits: every kind of target the launcher runs, and an order like the parent's. */
class SpareWarmUpTest {
    @Test
    void aTargetOfEveryKindTheLauncherRunsIsWarmedUp() {
        for (Class<?> kind : List.of(
                GipcTarget0.class,
                GipcTarget1.class,
                GipcTarget2.class,
                GipcTarget3.class,
                GipcTarget4.class,
                GipcTarget.class)) {
            assertTrue(SpareWarmUp.TARGETS.stream().anyMatch(kind::isInstance), kind.getName());
        }
    }

    @Test
    void theOrderAndTheTargetsItDecodesComeBackWhole() {
        // the warm-up swallows failures (the order reports them): check here that each of its decodes works
        SpareOrder order = (SpareOrder) DefaultCodec.decode(DefaultCodec.encode(SpareWarmUp.anOrder()));
        assertEquals("warm-up", order.name());
        assertEquals(1, order.args().size());
        assertEquals(List.of("warm"), List.copyOf(order.kwargs().keySet()));
        for (Object target : SpareWarmUp.TARGETS) {
            Object back = DefaultCodec.decode(DefaultCodec.encode(target));
            assertTrue(
                    back.getClass().getInterfaces()[0].isInstance(target),
                    back.getClass().getName());
        }
    }

    @Test
    void theWarmUpRunsWholeAndLeavesNoHandleOpen() throws Exception {
        SpareWarmUp.run();
        assertEquals(List.of(), Gipc.openHandles());
    }
}
