package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every entry of the type matrix ({@link Samples}) round-trips with the default codec. */
class DefaultCodecMatrixTest {

    static Stream<Samples.Sample> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTrips(Samples.Sample sample) {
        sample.check();
    }

    @Test
    void encodingIsDeterministicForTheSameValue() {
        Object value = List.of(new Fixtures.Point(1, 2), "x", Fixtures.Color.RED);
        assertArrayEquals(DefaultCodec.encode(value), DefaultCodec.encode(value));
    }

    @Test
    void smallMessagesStaySmall() {
        assertEquals(9, DefaultCodec.encode("abc").length, "header, string, end marker");
        assertEquals(6, DefaultCodec.encode(null).length);
    }

    @Test
    void encoderAndDecoderAreSingletonsUnderJavaSerialization() throws Exception {
        assertSame(DefaultCodec.ENCODER, javaRoundTrip(DefaultCodec.ENCODER));
        assertSame(DefaultCodec.DECODER, javaRoundTrip(DefaultCodec.DECODER));
        assertEquals("x", DefaultCodec.DECODER.decode(DefaultCodec.ENCODER.encode("x")));
    }

    @Test
    void threadsMayEncodeAndDecodeConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 20; i++) {
                        for (Samples.Sample sample : Samples.userTypes()) {
                            sample.check();
                        }
                        for (Samples.Sample sample : Samples.immutableAndViews()) {
                            sample.check();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object javaRoundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
