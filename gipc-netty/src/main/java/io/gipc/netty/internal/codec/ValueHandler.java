package io.gipc.netty.internal.codec;

import java.io.IOException;

/**
 * An immutable JDK value made of a few numbers or strings (BigDecimal, UUID, the java.time types...), written
 * and read through its public API.
 *
 * @param <T> the type of value
 */
final class ValueHandler<T> extends TypeHandler {
    /**
     * Writes a value's parts.
     *
     * @param <T> the type of value
     */
    interface Writer<T> {
        /**
         * Writes the parts.
         *
         * @param out the message
         * @param value the value
         * @throws IOException from the output
         */
        void write(ValueWriter out, T value) throws IOException;
    }

    /**
     * Builds a value from its parts.
     *
     * @param <T> the type of value
     */
    interface Reader<T> {
        /**
         * Reads the parts.
         *
         * @param in the message
         * @return the value
         * @throws IOException when the parts are corrupt
         */
        T read(ValueReader in) throws IOException;
    }

    private final Class<T> type;
    private final Class<?> wireClass;
    private final Writer<T> writer;
    private final Reader<T> reader;

    ValueHandler(Class<T> type, Class<?> wireClass, Writer<T> writer, Reader<T> reader) {
        this.type = type;
        this.wireClass = wireClass;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    Class<?> wireClass(Object value) {
        return wireClass != null ? wireClass : value.getClass();
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        writer.write(out, type.cast(value));
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        return reader.read(in);
    }
}
