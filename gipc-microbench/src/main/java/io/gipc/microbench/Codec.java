package io.gipc.microbench;

/** One way of turning a value into bytes and back, as the benchmark compares them. */
public interface Codec {
    /**
     * Encodes a value.
     *
     * @param value the value
     * @return its bytes
     * @throws Exception when the codec fails
     */
    byte[] encode(Object value) throws Exception;

    /**
     * Decodes bytes that {@link #encode} wrote.
     *
     * @param bytes the bytes
     * @return the value
     * @throws Exception when the codec fails
     */
    Object decode(byte[] bytes) throws Exception;
}
