package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gipc.GipcCodecException;
import io.gipc.GipcHandle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the default codec refuses to encode, and the bytes it refuses to decode; always with a clear message. */
class DefaultCodecFailureTest {

    /** A stand-in for a pipe end. */
    static final class FakeHandle implements GipcHandle {
        @Override
        public void close() {}

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public boolean isLocked() {
            return false;
        }
    }

    static final class Job {
        final String name;
        final Object worker;

        Job(String name, Object worker) {
            this.name = name;
            this.worker = worker;
        }
    }

    static final class Worker extends Thread {}

    static final class CustomDate extends Date {
        private static final long serialVersionUID = 1L;
    }

    static final class Box {
        Object content;
    }

    private static String refusal(Object value) {
        return assertThrows(GipcCodecException.class, () -> DefaultCodec.encode(value))
                .getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "\"" + message + "\" should mention \"" + part + "\"");
        }
    }

    @Test
    void threadIsRefusedNamingTypeAndPath() {
        Thread thread = new Thread(() -> {});
        String message = refusal(new ArrayList<>(List.of("ok", new Job("j", thread))));
        assertMentions(
                message,
                "java.lang.Thread",
                "field 'worker' of " + Job.class.getName(),
                "element 1 of java.util.ArrayList");
    }

    @Test
    void subclassOfThreadIsRefused() {
        assertMentions(refusal(new Worker()), Worker.class.getName(), "java.lang.Thread");
    }

    @Test
    void streamsReadersSocketsAndClassLoadersAreRefused() throws Exception {
        assertMentions(
                refusal(new ByteArrayInputStream(new byte[1])), "java.io.ByteArrayInputStream", "java.io.InputStream");
        assertMentions(
                refusal(Map.of("out", new ByteArrayOutputStream())),
                "java.io.ByteArrayOutputStream",
                "value of entry 0 of");
        assertMentions(refusal(new StringReader("r")), "java.io.StringReader");
        try (Socket socket = new Socket();
                ServerSocket server = new ServerSocket()) {
            assertMentions(refusal(socket), "java.net.Socket");
            assertMentions(refusal(server), "java.net.ServerSocket");
        }
        assertMentions(refusal(getClass().getClassLoader()), "ClassLoader");
        assertMentions(refusal(System.out), "java.io.OutputStream");
    }

    @Test
    void nonSerializableLambdaIsRefused() {
        Runnable lambda = () -> {};
        assertMentions(refusal(lambda), lambda.getClass().getName(), "not Serializable");
        Supplier<String> supplier = () -> "s";
        assertMentions(refusal(List.of(supplier)), "not Serializable", "element 0 of");
    }

    @Test
    void serializableLambdaCapturingAThreadIsRefusedNamingTheCapture() {
        Thread thread = new Thread(() -> {});
        Fixtures.SFunction<String, String> lambda = s -> s + thread.getName();
        assertMentions(
                refusal(lambda),
                "java.lang.Thread",
                "captured value 0 of " + lambda.getClass().getName());
    }

    @Test
    void sortedSetWithANonSerializableComparatorIsRefused() {
        java.util.TreeSet<String> set = new java.util.TreeSet<>((a, b) -> b.compareTo(a));
        set.add("x");
        assertMentions(refusal(set), "not Serializable", "comparator of java.util.TreeSet");
    }

    @Test
    void anonymousClassIsRefused() {
        Serializable anonymous = new Serializable() {
            private static final long serialVersionUID = 1L;
        };
        assertMentions(refusal(anonymous), anonymous.getClass().getName(), "anonymous class");
    }

    @Test
    void handleIsRefusedAnywhere() {
        String expected = "a handle cannot travel inside a message of this codec; handles travel in messages put on"
                + " a pipe whose writer uses the default codec, and to Gipc.startProcess";
        assertMentions(
                refusal(new ArrayList<>(List.of(1, new FakeHandle()))),
                FakeHandle.class.getName(),
                expected,
                "element 1 of java.util.ArrayList");
        assertMentions(refusal(new FakeHandle()), expected);
        assertMentions(
                refusal(new Fixtures.Holder(new FakeHandle())),
                "component 'value' of " + Fixtures.Holder.class.getName());
    }

    @Test
    void unknownJdkClassesAndStatefulJdkSuperclassesAreRefused() {
        assertMentions(refusal(new Semaphore(1)), "java.util.concurrent.Semaphore", "JDK class");
        assertMentions(refusal(new CustomDate()), CustomDate.class.getName(), "extends java.util.Date");
    }

    @Test
    void cycleBackIntoALateBuiltObjectIsRefusedWhenEncoding() {
        Box box = new Box();
        Optional<Box> optional = Optional.of(box);
        box.content = optional;
        assertMentions(refusal(optional), "java.util.Optional", "refers back to itself");
    }

    @Test
    void emptyAndNullBytesAreRefused() {
        assertMentions(
                assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(new byte[0]))
                        .getMessage(),
                "0 bytes");
        assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(null));
    }

    @Test
    void bytesNotWrittenByTheCodecAreRefused() {
        byte[] text = "hello, world".getBytes(StandardCharsets.US_ASCII);
        assertMentions(
                assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(text))
                        .getMessage(),
                "12 bytes");
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] whole = DefaultCodec.encode(Samples.all().stream()
                .filter(s -> s.name().startsWith("record holding"))
                .findFirst()
                .orElseThrow()
                .value()
                .get());
        for (int length = 1; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            GipcCodecException e =
                    assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(cut), "truncated to " + length);
            assertMentions(e.getMessage(), length + " bytes");
        }
    }

    @Test
    void corruptBytesGiveACodecExceptionOrAValueButNothingElse() {
        byte[] whole = DefaultCodec.encode(List.of(
                new Fixtures.Tagged("t", List.of("a"), Map.of("n", 1)),
                new HashMap<>(Map.of("k", new int[] {1, 2})),
                Fixtures.Color.RED,
                "text"));
        for (int i = 0; i < whole.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] corrupt = whole.clone();
                corrupt[i] ^= (byte) (1 << bit);
                try {
                    DefaultCodec.decode(corrupt);
                } catch (GipcCodecException expected) {
                    // a clear refusal
                }
            }
        }
    }

    @Test
    void unknownClassIsNamed() {
        byte[] bytes = DefaultCodec.encode(new Fixtures.Point(1, 2));
        String name = Fixtures.Point.class.getName();
        String missing = name.substring(0, name.length() - 5) + "Pxint";
        byte[] renamed = replace(bytes, name, missing);
        String message = assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(renamed))
                .getMessage();
        assertMentions(message, "unknown class " + missing, bytes.length + " bytes");
    }

    @Test
    void messageNamingARefusedClassIsRefused() {
        byte[] bytes = replace(DefaultCodec.encode(new Object()), "java.lang.Object", "java.lang.Thread");
        assertMentions(
                assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(bytes))
                        .getMessage(),
                "java.lang.Thread");
    }

    @Test
    void recordValidationFailureIsReported() {
        byte[] bytes = DefaultCodec.encode(new Fixtures.Positive(5));
        // the int 5 is zigzag-encoded as 10; 9 is -5
        int at = indexOf(bytes, new byte[] {(byte) (Kind.INT << 3), 10});
        bytes[at + 1] = 9;
        assertMentions(
                assertThrows(GipcCodecException.class, () -> DefaultCodec.decode(bytes))
                        .getMessage(),
                Fixtures.Positive.class.getName(),
                "negative: -5");
    }

    @Test
    void encodeIsAllOrNothing() {
        List<Object> list = new ArrayList<>(List.of("a", "b"));
        list.add(new Thread(() -> {}));
        assertThrows(GipcCodecException.class, () -> DefaultCodec.encode(list));
        assertEquals(3, list.size());
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        assertEquals(f.length, t.length);
        byte[] copy = bytes.clone();
        int at = indexOf(copy, f);
        System.arraycopy(t, 0, copy, at, t.length);
        return copy;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
