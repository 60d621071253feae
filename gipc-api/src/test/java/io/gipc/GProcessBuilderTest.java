package io.gipc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arity rules are checked before any implementation is asked to start anything. */
class GProcessBuilderTest {
    static void two(String a, String b) {}

    @Test
    void argsMustMatchATypedTargetsArity() {
        GipcTarget2<String, String> target = GProcessBuilderTest::two;
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Gipc.process(target).args("only one").start());
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gipc.process(target).start());
    }

    @Test
    void kwargsNeedAGipcTarget() {
        GipcTarget0 target = () -> {};
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Gipc.process(target).kwargs(Map.of("k", 1)).start());
        assertTrue(e.getMessage().contains("GipcTarget"), e.getMessage());
    }
}
