package io.gipc.netty.internal.codec;

import io.gipc.GipcHandle;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * Writes one message: a header, one value, an end marker. Keeps what the message has written so far: the
 * number of every object (a second occurrence is written as a reference, which carries shared objects and
 * cycles), the number of every class named, and the late-bound objects being written (a reference back to one
 * of them could not be rebuilt). Given a {@link HandleSink}, it writes each handle it meets, wherever it is, as
 * the handle's slot; without one, handles are refused like any value bound to this JVM. One instance per
 * message; not thread-safe.
 */
final class ValueWriter {
    /** Each class's name in UTF-8, as a class reference writes it the first time: encoded once per class. */
    private static final ClassValue<byte[]> CLASS_NAMES = new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> type) {
            return type.getName().getBytes(StandardCharsets.UTF_8);
        }
    };

    private static final int OPEN = 1;

    private final WireOutput out;
    private final HandleSink handles;
    /**
     * The number of every object written, shifted left by one; the low bit ({@link #OPEN}) marks the late-bound
     * objects being written, those a reference from inside their own contents could not rebuild.
     */
    private IdentityIds ids;

    private int nextId;
    private IdentityIds classIds;

    ValueWriter(WireOutput out, HandleSink handles) {
        this.out = out;
        this.handles = handles;
    }

    /**
     * Writes a whole message.
     *
     * @param value the message, possibly null
     * @throws IOException from the output
     */
    void writeRoot(Object value) throws IOException {
        out.writeUInt32(Kind.HEADER, Kind.FORMAT_VERSION);
        writeValue(value);
        // An end marker: a message cut short anywhere is then seen as truncated, not decoded in part.
        out.writeUInt32(Kind.HEADER, 0);
    }

    /**
     * Writes any value as one field.
     *
     * @param value the value, possibly null
     * @throws IOException from the output
     * @throws CarryException if the value holds something the codec cannot carry
     */
    void writeValue(Object value) throws IOException {
        if (value == null) {
            out.writeUInt32(Kind.NULL, 0);
            return;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            writeStringField((String) value);
        } else if (type == Integer.class) {
            out.writeSInt32(Kind.INT, (Integer) value);
        } else if (type == Long.class) {
            out.writeSInt64(Kind.LONG, (Long) value);
        } else if (type == Boolean.class) {
            out.writeBool(Kind.BOOL, (Boolean) value);
        } else if (type == Double.class) {
            out.writeDouble(Kind.DOUBLE, (Double) value);
        } else if (type == Float.class) {
            out.writeFloat(Kind.FLOAT, (Float) value);
        } else if (type == Character.class) {
            out.writeUInt32(Kind.CHAR, (Character) value);
        } else if (type == Byte.class) {
            out.writeSInt32(Kind.BYTE, (Byte) value);
        } else if (type == Short.class) {
            out.writeSInt32(Kind.SHORT, (Short) value);
        } else if (type == byte[].class) {
            if (!writtenAsReference(value)) {
                register(value);
                out.writeBytes(Kind.BYTES, (byte[]) value);
            }
        } else if (handles != null && value instanceof GipcHandle) {
            out.writeUInt32(Kind.HANDLE, handles.slotOf((GipcHandle) value));
        } else {
            writeObject(value, Handlers.of(type));
        }
    }

    private void writeObject(Object value, TypeHandler handler) throws IOException {
        if (writtenAsReference(value)) {
            return;
        }
        if (handler instanceof ReplacingHandler) {
            writeReplaced(value, (ReplacingHandler) handler);
            return;
        }
        register(value);
        writeGroup(value, handler, null);
    }

    /** Java serialization's writeReplace: the replacement is written, and stands for the original from now on. */
    private void writeReplaced(Object original, ReplacingHandler handler) throws IOException {
        Object replacement = handler.replace(original);
        if (replacement == original) {
            register(original);
            writeGroup(original, handler.base(), null);
            return;
        }
        if (replacement == null || Handlers.isScalar(replacement.getClass()) || replacement instanceof GipcHandle) {
            writeValue(replacement);
            return;
        }
        int entry = ids == null ? IdentityIds.ABSENT : ids.get(replacement);
        if (entry != IdentityIds.ABSENT) {
            ids.put(original, entry & ~OPEN);
            writtenAsReference(replacement);
            return;
        }
        TypeHandler replacementHandler = Handlers.of(replacement.getClass());
        if (replacementHandler instanceof ReplacingHandler) {
            replacementHandler = ((ReplacingHandler) replacementHandler).base();
        }
        ids().put(original, nextId << 1);
        register(replacement);
        writeGroup(replacement, replacementHandler, original);
    }

    /** Writes an object as a group: its class reference, then the contents its handler writes. */
    private void writeGroup(Object value, TypeHandler handler, Object alias) throws IOException {
        out.startGroup(Kind.OBJECT);
        writeClassRef(handler.wireClass(value));
        try {
            if (handler.lateBound()) {
                opened(value, alias);
                handler.write(this, value);
                closed(value, alias);
            } else {
                handler.write(this, value);
            }
        } catch (CarryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CarryException(Handlers.typeName(value.getClass()), "reading it failed with " + e, e);
        }
        out.endGroup(Kind.OBJECT);
    }

    /**
     * Writes a value that must be written before its owner exists on the reading side (a sorted set's
     * comparator, say): a reference back to the owner from inside it could not be rebuilt.
     *
     * @param value the value
     * @param part what the value is to its owner, for error messages
     * @param owner the object being written
     * @throws IOException from the output
     */
    void writeBeforeOwner(Object value, String part, Object owner) throws IOException {
        opened(owner, null);
        writePart(value, part, owner);
        closed(owner, null);
    }

    /**
     * Writes a field's value of a plain object.
     *
     * @param value the value
     * @param field the field, for error messages
     * @throws IOException from the output
     */
    void writeField(Object value, Field field) throws IOException {
        try {
            writeValue(value);
        } catch (CarryException e) {
            throw e.at("field '" + field.getName() + "' of "
                    + field.getDeclaringClass().getName());
        }
    }

    /**
     * Writes an element of a collection or array.
     *
     * @param value the element
     * @param index its position, for error messages
     * @param owner the container, for error messages
     * @throws IOException from the output
     */
    void writeElement(Object value, int index, Object owner) throws IOException {
        try {
            writeValue(value);
        } catch (CarryException e) {
            throw e.at("element " + index + " of " + Handlers.typeName(owner.getClass()));
        }
    }

    /**
     * Writes a named part of an object (a key, a cause, a captured value...).
     *
     * @param value the value
     * @param part its name, for error messages
     * @param owner the object, for error messages
     * @throws IOException from the output
     */
    void writePart(Object value, String part, Object owner) throws IOException {
        try {
            writeValue(value);
        } catch (CarryException e) {
            throw e.at(part + " of " + Handlers.typeName(owner.getClass()));
        }
    }

    /**
     * Writes the key or the value of a map entry.
     *
     * @param value the key or value
     * @param part "key" or "value", for error messages
     * @param index the position of the entry, for error messages
     * @param owner the map, for error messages
     * @throws IOException from the output
     */
    void writePart(Object value, String part, int index, Object owner) throws IOException {
        try {
            writeValue(value);
        } catch (CarryException e) {
            throw e.at(part + " of entry " + index + " of " + Handlers.typeName(owner.getClass()));
        }
    }

    /**
     * Writes a class reference: its name the first time in a message, its number afterwards.
     *
     * @param type the class
     * @throws IOException from the output
     */
    void writeClassRef(Class<?> type) throws IOException {
        if (classIds == null) {
            classIds = new IdentityIds();
        }
        int id = classIds.get(type);
        if (id != IdentityIds.ABSENT) {
            out.writeUInt32(Kind.CLASS_ID, id);
        } else {
            classIds.put(type, classIds.size());
            out.writeBytes(Kind.CLASS_NAME, CLASS_NAMES.get(type));
        }
    }

    /**
     * Writes an int that is part of a handler's contents.
     *
     * @param value the int
     * @throws IOException from the output
     */
    void writeInt(int value) throws IOException {
        out.writeSInt32(Kind.INT, value);
    }

    /**
     * Writes a long that is part of a handler's contents.
     *
     * @param value the long
     * @throws IOException from the output
     */
    void writeLong(long value) throws IOException {
        out.writeSInt64(Kind.LONG, value);
    }

    /**
     * Writes a boolean that is part of a handler's contents.
     *
     * @param value the boolean
     * @throws IOException from the output
     */
    void writeBool(boolean value) throws IOException {
        out.writeBool(Kind.BOOL, value);
    }

    /**
     * Writes a string, or null, that is part of a handler's contents.
     *
     * @param value the string or null
     * @throws IOException from the output
     */
    void writeString(String value) throws IOException {
        if (value == null) {
            out.writeUInt32(Kind.NULL, 0);
        } else {
            writeStringField(value);
        }
    }

    /**
     * Writes bytes private to a handler (not a {@code byte[]} value: never referenced).
     *
     * @param bytes the bytes
     * @throws IOException from the output
     */
    void writeRaw(byte[] bytes) throws IOException {
        out.writeBytes(Kind.RAW, bytes);
    }

    private void writeStringField(String value) throws IOException {
        if (Strings.utf8Safe(value)) {
            // The JDK's UTF-8 encoder, not protostuff's char-by-char one (several times slower on long strings):
            // the same bytes for a string whose surrogates are all paired, and the reader decodes either.
            out.writeBytes(Kind.STRING, value.getBytes(StandardCharsets.UTF_8));
        } else {
            out.writeBytes(Kind.STRING16, Strings.toUtf16(value));
        }
    }

    private boolean writtenAsReference(Object value) throws IOException {
        if (ids == null) {
            return false;
        }
        int entry = ids.get(value);
        if (entry == IdentityIds.ABSENT) {
            return false;
        }
        if ((entry & OPEN) != 0) {
            throw new CarryException(
                    Handlers.typeName(value.getClass()),
                    "it refers back to itself from inside "
                            + "its own contents, and it can only be rebuilt once its contents are (a record, an immutable "
                            + "collection, an Optional or a lambda); put a mutable object in that cycle");
        }
        out.writeUInt32(Kind.REF, entry >>> 1);
        return true;
    }

    private void register(Object value) {
        ids().put(value, nextId++ << 1);
    }

    private IdentityIds ids() {
        if (ids == null) {
            ids = new IdentityIds();
        }
        return ids;
    }

    /** Marks an object being written, and the original it replaces if any; both were numbered before. */
    private void opened(Object value, Object alias) {
        markOpen(value, true);
        if (alias != null) {
            markOpen(alias, true);
        }
    }

    private void closed(Object value, Object alias) {
        markOpen(value, false);
        if (alias != null) {
            markOpen(alias, false);
        }
    }

    private void markOpen(Object value, boolean open) {
        int entry = ids().get(value);
        if (entry == IdentityIds.ABSENT) {
            throw new IllegalStateException(
                    "a " + Handlers.typeName(value.getClass()) + " written before it was numbered");
        }
        ids.put(value, open ? entry | OPEN : entry & ~OPEN);
    }
}
