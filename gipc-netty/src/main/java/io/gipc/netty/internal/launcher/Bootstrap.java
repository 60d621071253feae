package io.gipc.netty.internal.launcher;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one message a parent sends a child on its bootstrap pipe (descriptor 3, in a {@link BootstrapFrame}): what
 * to run and the handles it gets.
 *
 * <p>The target and each argument are encoded by the default codec on their own, with one {@link
 * io.gipc.netty.internal.codec.HandleSink} for them all: a handle anywhere inside them is written as its slot, and
 * handle {@code i} is inherited on descriptor {@code 4 + i}. Encoding them apart lets the child say which one it
 * could not decode, and exit with the matching {@code LauncherExitCodes}; the same holds for the handles'
 * descriptors.
 *
 * <p>The message itself has a fixed layout of its own ({@link #toBytes()}), not the default codec's: rebuilding a
 * record through the codec calls its constructor reflectively, and a JVM's first reflective call spins up the
 * method-handle machinery (about 20 ms of a child's start on JDK 25). Layout, big-endian: the int {@link #MAGIC};
 * the name (an int length, then UTF-8); the daemon flag (a byte); the handles, the arguments (each an int count,
 * then each byte array as an int length and its bytes); the target (a byte array); the keyword arguments (an int
 * count, then each name as UTF-8 bytes and its byte array).
 *
 * @param name the process name
 * @param daemon the daemon flag
 * @param handles the {@link io.gipc.netty.internal.transport.HandleDescriptor} of each handle,
 *        in slot order, each encoded by the default codec (it holds no handle)
 * @param target the target
 * @param args the positional arguments
 * @param kwargs the keyword arguments, in order
 */
public record Bootstrap(
        String name,
        boolean daemon,
        List<byte[]> handles,
        byte[] target,
        List<byte[]> args,
        Map<String, byte[]> kwargs) {
    /** The first four bytes of an encoded message: {@code "gB"} and the layout's version, 1. */
    static final int MAGIC = 0x67420001;

    /**
     * The message in its own layout.
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + target.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            writeBytes(out, name.getBytes(StandardCharsets.UTF_8));
            out.writeBoolean(daemon);
            writeList(out, handles);
            writeBytes(out, target);
            writeList(out, args);
            out.writeInt(kwargs.size());
            for (Map.Entry<String, byte[]> e : kwargs.entrySet()) {
                writeBytes(out, e.getKey().getBytes(StandardCharsets.UTF_8));
                writeBytes(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a message written by {@link #toBytes()}.
     *
     * @param bytes the bytes
     * @return the message
     * @throws IllegalArgumentException if the bytes are not such a message (another gipc version, cut short),
     *         saying what was wrong where
     */
    public static Bootstrap fromBytes(byte[] bytes) {
        Reader in = new Reader(bytes);
        int magic = in.readInt("the layout's mark");
        if (magic != MAGIC) {
            throw new IllegalArgumentException("the bootstrap message begins with 0x"
                    .concat(Integer.toHexString(magic))
                    .concat(", not 0x")
                    .concat(Integer.toHexString(MAGIC))
                    .concat(" (another gipc version on the parent's class path?)"));
        }
        String name = new String(in.readBytes("the name"), StandardCharsets.UTF_8);
        boolean daemon = in.readByte("the daemon flag") != 0;
        List<byte[]> handles = in.readList("the handles");
        byte[] target = in.readBytes("the target");
        List<byte[]> args = in.readList("the arguments");
        int count = in.readCount("the keyword arguments");
        Map<String, byte[]> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = new String(in.readBytes("a keyword argument's name"), StandardCharsets.UTF_8);
            kwargs.put(key, in.readBytes("keyword argument '".concat(key).concat("'")));
        }
        in.requireEnd();
        return new Bootstrap(name, daemon, handles, target, args, kwargs);
    }

    private static void writeList(DataOutputStream out, List<byte[]> list) throws IOException {
        out.writeInt(list.size());
        for (byte[] b : list) {
            writeBytes(out, b);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Reads the layout, checking every length against what is left. Messages use {@link String#concat}, not
     * {@code +}: a JVM's first {@code +} spins up the invokedynamic machinery.
     */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int readInt(String what) {
            require(4, what);
            at += 4;
            return BootstrapFrame.getInt(bytes, at - 4);
        }

        byte readByte(String what) {
            require(1, what);
            return bytes[at++];
        }

        int readCount(String what) {
            int n = readInt(what);
            // every entry takes at least its 4-byte length: a count beyond that is garbage, not a big message
            if (n < 0 || n > (bytes.length - at) / 4) {
                throw new IllegalArgumentException(at("the count of "
                        .concat(what)
                        .concat(" is ")
                        .concat(Integer.toString(n))
                        .concat(", more than the message holds")));
            }
            return n;
        }

        byte[] readBytes(String what) {
            int n = readInt("the length of ".concat(what));
            if (n < 0 || n > bytes.length - at) {
                throw new IllegalArgumentException(at("the length of "
                        .concat(what)
                        .concat(" is ")
                        .concat(Integer.toString(n))
                        .concat(", but ")
                        .concat(Integer.toString(bytes.length - at))
                        .concat(" byte(s) are left")));
            }
            byte[] b = new byte[n];
            System.arraycopy(bytes, at, b, 0, n);
            at += n;
            return b;
        }

        List<byte[]> readList(String what) {
            int n = readCount(what);
            List<byte[]> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(readBytes(what.concat(" #").concat(Integer.toString(i))));
            }
            return list;
        }

        void require(int n, String what) {
            if (bytes.length - at < n) {
                throw new IllegalArgumentException(at("the message ends before ".concat(what)));
            }
        }

        void requireEnd() {
            if (at != bytes.length) {
                throw new IllegalArgumentException(
                        at(Integer.toString(bytes.length - at).concat(" byte(s) after the end of the message")));
            }
        }

        private String at(String problem) {
            return problem.concat(" (at byte ")
                    .concat(Integer.toString(at))
                    .concat(" of ")
                    .concat(Integer.toString(bytes.length))
                    .concat(")");
        }
    }
}
