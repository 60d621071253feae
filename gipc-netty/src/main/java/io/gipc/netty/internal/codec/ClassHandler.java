package io.gipc.netty.internal.codec;

import java.io.IOException;

/** A {@code Class} object, by name; loading it on the reading side does not initialize it. */
final class ClassHandler extends TypeHandler {
    static final ClassHandler INSTANCE = new ClassHandler();

    private ClassHandler() {}

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        Class<?> type = (Class<?>) value;
        if (type.isHidden()) {
            throw new CarryException(type.getName(), "a hidden class has no name another JVM could load");
        }
        out.writeClassRef(type);
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        return in.readClassRef();
    }
}
