package io.gipc.netty.internal.codec;

/**
 * Strings that UTF-8 cannot carry. A Java string may hold an unpaired surrogate, which protostuff's UTF-8
 * encoder turns into '?'; such a string travels as its UTF-16 code units instead.
 */
final class Strings {
    private Strings() {}

    /**
     * Tells whether UTF-8 round-trips the string, that is whether every surrogate in it is paired.
     *
     * @param s the string
     * @return false if it holds an unpaired surrogate
     */
    static boolean utf8Safe(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The UTF-16 code units of a string, big-endian.
     *
     * @param s the string
     * @return two bytes per char
     */
    static byte[] toUtf16(String s) {
        byte[] bytes = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes[2 * i] = (byte) (c >>> 8);
            bytes[2 * i + 1] = (byte) c;
        }
        return bytes;
    }

    /**
     * The string whose code units {@link #toUtf16} gave.
     *
     * @param bytes two bytes per char
     * @return the string
     * @throws CorruptDataException if the length is odd
     */
    static String fromUtf16(byte[] bytes) throws CorruptDataException {
        if (bytes.length % 2 != 0) {
            throw new CorruptDataException("a UTF-16 string of " + bytes.length + " bytes (odd)");
        }
        char[] chars = new char[bytes.length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff));
        }
        return new String(chars);
    }
}
