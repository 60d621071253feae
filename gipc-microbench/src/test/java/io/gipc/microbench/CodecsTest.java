package io.gipc.microbench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every codec brings every shape back whole, except the pairs docs/benchmarks.md lists as not carried, which
 * fail: the benchmark measures what it says. It looks at no figure.
 */
class CodecsTest {
    /** protostuff-runtime cannot build records, nor open Throwable's fields without --add-opens. */
    private static final Set<String> NOT_CARRIED = Set.of("PROTOSTUFF/RECORD", "PROTOSTUFF/EXCEPTION");

    @Test
    void everyCodecBringsBackEveryShapeItCarries() throws Exception {
        for (Codecs codecs : Codecs.values()) {
            Codec codec = codecs.create();
            for (Shapes shape : Shapes.values()) {
                Object value = shape.value();
                if (NOT_CARRIED.contains(codecs + "/" + shape)) {
                    assertThrows(
                            RuntimeException.class,
                            () -> codec.decode(codec.encode(value)),
                            codecs + " carries a " + shape + " now: docs/benchmarks.md should say so");
                    continue;
                }
                Object decoded = codec.decode(codec.encode(value));
                assertTrue(
                        decoded != value && shape.cameBack(value, decoded),
                        codecs + " did not bring back a " + shape + ": " + decoded);
            }
        }
    }

    @Test
    void anExceptionThatLosesItsStackTraceDoesNotCountAsBack() {
        Object original = Shapes.EXCEPTION.value();
        IllegalStateException bare =
                new IllegalStateException(((Throwable) original).getMessage(), ((Throwable) original).getCause());
        bare.setStackTrace(new StackTraceElement[0]);
        assertTrue(!Shapes.EXCEPTION.cameBack(original, bare));
    }
}
