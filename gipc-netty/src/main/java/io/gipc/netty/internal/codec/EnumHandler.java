package io.gipc.netty.internal.codec;

import java.io.IOException;

/** An enum constant, by its enum's name and its own; a constant with a body is named by its enum. */
final class EnumHandler extends TypeHandler {
    static final EnumHandler INSTANCE = new EnumHandler();

    private EnumHandler() {}

    @Override
    Class<?> wireClass(Object value) {
        return ((Enum<?>) value).getDeclaringClass();
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        out.writeString(((Enum<?>) value).name());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        String name = in.readString();
        if (!wireClass.isEnum() || name == null) {
            throw new CorruptDataException("enum constant " + name + " of " + wireClass.getName());
        }
        try {
            return Enum.valueOf((Class) wireClass, name);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(wireClass.getName() + " has no constant " + name, e);
        }
    }
}
