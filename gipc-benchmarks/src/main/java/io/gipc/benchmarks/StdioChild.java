package io.gipc.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;

/**
 * The child of the baseline, started with {@link ProcessBuilder}: the same {@link Protocol} as the gipc targets,
 * over its stdin and stdout with {@code DataInputStream}/{@code DataOutputStream}: what a Java developer writes
 * without gipc. {@code sink} counts and checksums; {@code echo} sends every message back.
 */
public final class StdioChild {
    private StdioChild() {}

    /**
     * Runs the child.
     *
     * @param args {@code sink} or {@code echo}
     * @throws IOException if stdin or stdout fail
     */
    public static void main(String[] args) throws IOException {
        DataInputStream in =
                new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        try {
            if (args.length == 1 && args[0].equals("sink")) {
                sink(in, out);
            } else if (args.length == 1 && args[0].equals("echo")) {
                echo(in, out);
            } else {
                throw new IllegalArgumentException("usage: StdioChild sink|echo");
            }
        } catch (EOFException e) {
            // the parent closed our stdin: done
        }
        out.flush();
    }

    static byte[] read(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }

    static void write(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static void sink(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            byte[] header = read(in);
            if (header.length == 0) {
                return;
            }
            long count = Protocol.headerCount(header);
            CRC32 crc = new CRC32();
            long bytes = 0;
            for (long i = 0; i < count; i++) {
                byte[] m = read(in);
                crc.update(m);
                bytes += m.length;
            }
            write(out, Protocol.report(count, bytes, crc.getValue()));
            out.flush();
        }
    }

    private static void echo(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            byte[] m = read(in);
            if (m.length == 0) {
                return;
            }
            write(out, m);
            out.flush();
        }
    }
}
