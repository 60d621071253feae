package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.util.EnumSet;

/**
 * An {@code EnumSet}: its element type, then its elements. The element type is a private field; it is found
 * from an element, from the set's complement, or for an empty set of an enum without constants from its
 * serial form ({@link SerialForms#enumTypeOf}).
 */
final class EnumSetHandler extends TypeHandler {
    static final EnumSetHandler INSTANCE = new EnumSetHandler();
    static final Class<?> REGULAR = EnumSet.noneOf(Small.class).getClass();
    static final Class<?> JUMBO = jumboClass();

    private EnumSetHandler() {}

    @Override
    Class<?> wireClass(Object value) {
        return EnumSet.class;
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        EnumSet<?> set = (EnumSet<?>) value;
        out.writeClassRef(elementType(set));
        int index = 0;
        for (Object element : set) {
            out.writeElement(element, index++, set);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        Class<?> type = in.readClassRef();
        if (!type.isEnum()) {
            throw new CorruptDataException("an EnumSet of " + type.getName() + ", which is not an enum");
        }
        EnumSet set = EnumSet.noneOf((Class<Enum>) type);
        in.bind(slot, set);
        for (int kind; (kind = in.next()) != 0; ) {
            set.add(in.readValue(kind));
        }
        return set;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<?> elementType(EnumSet<?> set) throws IOException {
        EnumSet<?> some = set.isEmpty() ? EnumSet.complementOf((EnumSet) set) : set;
        if (!some.isEmpty()) {
            return ((Enum<?>) some.iterator().next()).getDeclaringClass();
        }
        return SerialForms.enumTypeOf(set);
    }

    private static Class<?> jumboClass() {
        try {
            return Class.forName("java.util.JumboEnumSet");
        } catch (ClassNotFoundException e) {
            return REGULAR;
        }
    }

    private enum Small {
        ONE
    }
}
