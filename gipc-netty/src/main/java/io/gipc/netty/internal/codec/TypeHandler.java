package io.gipc.netty.internal.codec;

import java.io.IOException;

/**
 * Writes and reads the contents of the objects of one class (or one family of classes). The same handler is
 * found for a class on both sides ({@link Handlers#of(Class)}): the writer by the object's class, the reader
 * by the class named on the wire.
 */
abstract class TypeHandler {

    /**
     * The class named on the wire for a value; the reader finds its handler by it. Usually the value's class;
     * a handler that rebuilds a JDK-internal class as another one names that other one.
     *
     * @param value the value about to be written
     * @return the class to name
     */
    Class<?> wireClass(Object value) {
        return value.getClass();
    }

    /**
     * Tells whether the object only exists once all its contents are read (a record, {@code List.of}, a
     * lambda). A reference back to such an object from inside its own contents cannot be rebuilt, so the
     * writer refuses it.
     *
     * @return true for late-bound objects
     */
    boolean lateBound() {
        return false;
    }

    /**
     * Writes the contents of a value, after its class reference.
     *
     * @param out the message being written
     * @param value the value, whose class this handler was found for
     * @throws IOException from the output
     */
    abstract void write(ValueWriter out, Object value) throws IOException;

    /**
     * Reads what {@link #write} wrote. A handler whose object exists before its contents are read (a
     * mutable collection, a plain object) calls {@link ValueReader#bind(int, Object)} as soon as it does, so
     * that references back to it from inside resolve.
     *
     * @param in the message being read
     * @param wireClass the class named on the wire
     * @param slot the reference number of the object
     * @return the object
     * @throws IOException when the bytes are not what this handler writes
     */
    abstract Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException;
}
