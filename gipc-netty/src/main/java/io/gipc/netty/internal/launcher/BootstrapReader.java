package io.gipc.netty.internal.launcher;

import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the bootstrap frame ({@link BootstrapFrame}) from the child's descriptor 3 with plain Java streams, through
 * the descriptor's name in the file system ({@code /proc/self/fd/3} on Linux, {@code /dev/fd/3} on macOS): no
 * native binding and no event loop, so that a child whose target needs neither never loads them. The stream it
 * opens is closed once the frame is read; descriptor 3 itself stays open.
 */
final class BootstrapReader {
    /**
     * A received frame.
     *
     * @param parentPid the pid of the parent that sent it
     * @param message the encoded {@link Bootstrap}
     */
    record Received(long parentPid, byte[] message) {}

    private BootstrapReader() {}

    /**
     * Reads the frame.
     *
     * @param fd the inherited descriptor (the read end of a pipe)
     * @return the frame
     * @throws IOException if it cannot be read, or ends before the whole frame (the parent died or gave up)
     */
    static Received read(int fd) throws IOException {
        try (InputStream in = new FileInputStream(nameOf(fd))) {
            byte[] header = readFully(in, BootstrapFrame.HEADER_BYTES, 0);
            int length = BootstrapFrame.getInt(header, 4);
            if (length < 0) {
                throw new IOException("the bootstrap message has a negative length, " + length);
            }
            return new Received(BootstrapFrame.getInt(header, 0), readFully(in, length, header.length));
        }
    }

    /** The name under which this process can open one of its own descriptors. */
    static String nameOf(int fd) {
        // String.concat, not +: the first + of a JVM spins up the invokedynamic machinery, tens of milliseconds
        String dir = System.getProperty("os.name", "").startsWith("Linux") ? "/proc/self/fd/" : "/dev/fd/";
        return dir.concat(Integer.toString(fd));
    }

    /** Reads exactly n bytes (FileInputStream's own readNBytes seeks, which a pipe refuses on JDK 17). */
    private static byte[] readFully(InputStream in, int n, int before) throws IOException {
        byte[] bytes = new byte[n];
        int filled = 0;
        while (filled < n) {
            int got = in.read(bytes, filled, n - filled);
            if (got < 0) {
                throw new EOFException("the parent closed the bootstrap pipe after " + (before + filled)
                        + " byte(s), before the whole message");
            }
            filled += got;
        }
        return bytes;
    }
}
