package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcTarget0;
import io.gipc.GipcTarget2;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Serializable lambdas and method references travel as what their SerializedLambda names. */
class DefaultCodecLambdaTest {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    /** A class whose lambdas capture {@code this}. */
    static final class Greeter {
        final String greeting;

        Greeter(String greeting) {
            this.greeting = greeting;
        }

        Fixtures.SFunction<String, String> greet() {
            return name -> greeting + ", " + name;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        T decoded = (T) DefaultCodec.decode(DefaultCodec.encode(value));
        assertNotSame(value, decoded);
        return decoded;
    }

    @Test
    void staticMethodReference() {
        Fixtures.SFunction<String, String> f = roundTrip(Fixtures::shout);
        assertEquals("HI!", f.apply("hi"));
    }

    @Test
    void lambdaCapturingStringIntRecordAndList() {
        String text = "t";
        int number = 41;
        Fixtures.Point point = new Fixtures.Point(1, 2);
        List<String> list = new ArrayList<>(List.of("a", "b"));
        Fixtures.SFunction<Integer, String> original =
                n -> text + (number + n) + point.x() + point + list.size() + list;
        Fixtures.SFunction<Integer, String> decoded = roundTrip(original);
        assertEquals(original.apply(1), decoded.apply(1));
        assertEquals("t421Point[x=1, y=2]2[a, b]", decoded.apply(1));
    }

    @Test
    void lambdaCapturingThis() {
        Fixtures.SFunction<String, String> decoded = roundTrip(new Greeter("hello").greet());
        assertEquals("hello, you", decoded.apply("you"));
    }

    @Test
    void boundAndUnboundMethodReferences() {
        Fixtures.Point point = new Fixtures.Point(5, 6);
        Fixtures.SFunction<Object, Boolean> bound = roundTrip(point::equals);
        assertEquals(true, bound.apply(new Fixtures.Point(5, 6)));
        Fixtures.SFunction<String, Integer> unbound = roundTrip(String::length);
        assertEquals(3, unbound.apply("abc"));
    }

    @Test
    void targetsRunAfterTheTrip() throws Exception {
        CALLS.clear();
        String tag = "tag";
        GipcTarget0 target0 = roundTrip(() -> CALLS.add("run " + tag));
        target0.run();
        GipcTarget2<String, Integer> target2 = roundTrip((a, b) -> CALLS.add(a + b + tag));
        target2.run("x", 2);
        assertEquals(List.of("run tag", "x2tag"), CALLS);
    }

    @Test
    void customCodecsShipLikeTargets() throws Exception {
        Encoder<String> encoder = roundTrip(s -> s.getBytes(StandardCharsets.UTF_8));
        Decoder<String> decoder = roundTrip(b -> new String(b, StandardCharsets.UTF_8));
        assertEquals("ü", decoder.decode(encoder.encode("ü")));
    }

    @Test
    void lambdasOfTheJdkTravelToo() {
        Comparator<String> original = Comparator.comparing((Fixtures.SFunction<String, Integer>) String::length)
                .reversed();
        Comparator<String> decoded = roundTrip(original);
        assertEquals(Integer.signum(original.compare("a", "bb")), Integer.signum(decoded.compare("a", "bb")));
    }

    @Test
    void sharedLambdaStaysShared() {
        Fixtures.SFunction<String, String> f = Fixtures::lengthOf;
        List<Object> decoded = roundTrip(new ArrayList<>(List.of(f, f)));
        assertEquals(decoded.get(0), decoded.get(1));
    }
}
