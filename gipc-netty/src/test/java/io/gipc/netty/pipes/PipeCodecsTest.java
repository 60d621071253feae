package io.gipc.netty.pipes;

import static io.gipc.netty.pipes.PipeTestSupport.randomBytes;
import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.Gipc;
import io.gipc.GipcFuture;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestPipeCodecs}: the encoder/decoder API. Codecs are static method
 * references (so they are {@code Serializable}, as the contract asks); the JSON and zlib codecs are written here
 * with the JDK alone.
 */
@Timeout(60)
class PipeCodecsTest {

    /** The seed's {@code readlet}: a greenlet that returns {@code r.get()}. */
    private static <T> GipcFuture<T> readlet(GipcReader<T> r) {
        return r.get();
    }

    /** The seed's {@code writelet}: a greenlet that puts {@code data}. */
    private static <T> GipcFuture<Void> writelet(GipcWriter<T> w, T data) {
        return w.put(data);
    }

    // test_gipc.py TestPipeCodecs.test_default
    @Test
    void defaultCodec() {
        List<Integer> data = new ArrayList<>(List.of(10));
        try (GipcPipe<List<Integer>> p = Gipc.pipe()) {
            GipcFuture<Void> gw = writelet(p.writer(), data);
            GipcFuture<List<Integer>> gr = readlet(p.reader());
            assertEquals(data, await(gr));
            await(gw);
        }
    }

    static byte[] identity(byte[] x) {
        return x;
    }

    // test_gipc.py TestPipeCodecs.test_callable_raw
    @Test
    void callableRaw() {
        byte[] data = randomBytes(10_000, 1);
        try (GipcPipe<byte[]> p = Gipc.pipe(PipeCodecsTest::identity, PipeCodecsTest::identity)) {
            GipcFuture<Void> gw = writelet(p.writer(), data);
            GipcFuture<byte[]> gr = readlet(p.reader());
            assertArrayEquals(data, await(gr));
            await(gw);
        }
        // and as lambdas, which are Serializable because Encoder and Decoder are
        Encoder<byte[]> enc = x -> x;
        Decoder<byte[]> dec = x -> x;
        try (GipcPipe<byte[]> p = Gipc.pipe(enc, dec)) {
            GipcFuture<Void> gw = writelet(p.writer(), data);
            assertArrayEquals(data, await(readlet(p.reader())));
            await(gw);
        }
    }

    // test_gipc.py TestPipeCodecs.test_raw
    @Test
    void raw() {
        byte[] data = randomBytes(10_000, 2);
        try (GipcPipe<byte[]> p = Gipc.rawPipe()) {
            GipcFuture<Void> gw = writelet(p.writer(), data);
            GipcFuture<byte[]> gr = readlet(p.reader());
            assertArrayEquals(data, await(gr));
            await(gw);
        }
    }

    // test_gipc.py TestPipeCodecs.test_json
    @Test
    void json() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("a", 100L);
        try (GipcPipe<Object> p = Gipc.pipe(Json::encode, Json::decode)) {
            GipcFuture<Void> gw = writelet(p.writer(), data);
            GipcFuture<Object> gr = readlet(p.reader());
            assertEquals(data, await(gr));
            await(gw);

            // a little more of what JSON carries, to show the codec is real
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("list", Arrays.asList("x", 1L, true, null, List.of()));
            more.put("nested", Map.of("q\"uote", "back\\slash\n\u00e9\u20ac"));
            await(p.writer().put(more));
            assertEquals(more, await(p.reader().get()));
        }
    }

    // test_gipc.py TestPipeCodecs.test_zlib
    @Test
    void zlib() {
        byte[] data = randomBytes(10_000, 3);
        try (GipcPipe<byte[]> p = Gipc.pipe(Zlib::compress, Zlib::decompress)) {
            GipcFuture<Void> gw = writelet(p.writer(), data);
            GipcFuture<byte[]> gr = readlet(p.reader());
            assertArrayEquals(data, await(gr));
            await(gw);
        }
    }

    // test_gipc.py TestPipeCodecs.test_not_callable_encoder
    @Test
    void notCallableEncoder() {
        // Java's types leave no way to pass a value that is not callable; null is what remains
        int before = Gipc.openHandles().size();
        assertThrows(NullPointerException.class, () -> Gipc.<byte[]>pipe(null, PipeCodecsTest::identity));
        assertThrows(NullPointerException.class, () -> Gipc.<byte[]>duplexPipe(null, PipeCodecsTest::identity));
        assertEquals(before, Gipc.openHandles().size(), "no pipe was made");
    }

    // test_gipc.py TestPipeCodecs.test_not_callable_decoder
    @Test
    void notCallableDecoder() {
        int before = Gipc.openHandles().size();
        assertThrows(NullPointerException.class, () -> Gipc.<byte[]>pipe(PipeCodecsTest::identity, null));
        assertThrows(NullPointerException.class, () -> Gipc.<byte[]>duplexPipe(PipeCodecsTest::identity, null));
        assertEquals(before, Gipc.openHandles().size(), "no pipe was made");
    }

    /** zlib.compress / zlib.decompress with {@link Deflater} and {@link Inflater}. */
    static final class Zlib {
        private Zlib() {}

        static byte[] compress(byte[] data) {
            Deflater deflater = new Deflater();
            try {
                deflater.setInput(data);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
                byte[] buf = new byte[8192];
                while (!deflater.finished()) {
                    out.write(buf, 0, deflater.deflate(buf));
                }
                return out.toByteArray();
            } finally {
                deflater.end();
            }
        }

        static byte[] decompress(byte[] data) throws DataFormatException {
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(data);
                ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 2 + 64);
                byte[] buf = new byte[8192];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buf);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new DataFormatException("truncated zlib stream");
                    }
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            } finally {
                inflater.end();
            }
        }
    }

    /**
     * json.dumps / json.loads for what the test needs: objects (as {@code Map<String, Object>}), arrays (as
     * {@code List}), strings, integers (as {@code Long}), booleans and null, in UTF-8.
     */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static byte[] encode(Object value) {
            StringBuilder b = new StringBuilder();
            write(b, value);
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }

        static Object decode(byte[] data) {
            Json parser = new Json(new String(data, StandardCharsets.UTF_8));
            Object value = parser.value();
            parser.skipSpace();
            if (parser.i != parser.s.length()) {
                throw parser.error("trailing characters");
            }
            return value;
        }

        private static void write(StringBuilder b, Object v) {
            if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Integer) {
                b.append(v);
            } else if (v instanceof String) {
                writeString(b, (String) v);
            } else if (v instanceof Map) {
                b.append('{');
                String sep = "";
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    b.append(sep);
                    writeString(b, (String) e.getKey());
                    b.append(':');
                    write(b, e.getValue());
                    sep = ",";
                }
                b.append('}');
            } else if (v instanceof List) {
                b.append('[');
                String sep = "";
                for (Object o : (List<?>) v) {
                    b.append(sep);
                    write(b, o);
                    sep = ",";
                }
                b.append(']');
            } else {
                throw new IllegalArgumentException("not JSON: " + v.getClass().getName());
            }
        }

        private static void writeString(StringBuilder b, String s) {
            b.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }

        private Object value() {
            skipSpace();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skipSpace();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                m.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            skipSpace();
            if (peek() == ']') {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n':
                        b.append('\n');
                        break;
                    case 't':
                        b.append('\t');
                        break;
                    case 'r':
                        b.append('\r');
                        break;
                    case 'b':
                        b.append('\b');
                        break;
                    case 'f':
                        b.append('\f');
                        break;
                    case 'u':
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default:
                        b.append(e);
                }
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return value;
        }

        private Long number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character");
            }
            return Long.parseLong(s.substring(start, i));
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + i + " in JSON text");
        }
    }
}
