package io.gipc.netty.internal.launcher;

/**
 * How the bootstrap message travels on a child's descriptor 3 (a pipe from its parent): the parent's pid and the
 * message's length, both as 4-byte big-endian ints, then the {@link Bootstrap} encoded by the default codec. The
 * pid tells the child which process it must outlive no more (if it is a daemon): a child whose parent died
 * before it started is adopted by another process, and would otherwise take that one for its parent.
 */
public final class BootstrapFrame {
    /** The bytes before the message. */
    public static final int HEADER_BYTES = 8;

    private BootstrapFrame() {}

    /**
     * The frame for a message.
     *
     * @param parentPid the sender's pid
     * @param message the encoded {@link Bootstrap}
     * @return the header, then the message
     */
    public static byte[] encode(long parentPid, byte[] message) {
        byte[] frame = new byte[HEADER_BYTES + message.length];
        putInt(frame, 0, (int) parentPid);
        putInt(frame, 4, message.length);
        System.arraycopy(message, 0, frame, HEADER_BYTES, message.length);
        return frame;
    }

    /**
     * Reads a 4-byte big-endian int.
     *
     * @param bytes the bytes
     * @param at where the int starts
     * @return the int
     */
    static int getInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24)
                | ((bytes[at + 1] & 0xff) << 16)
                | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
