package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.reflect.Method;

/**
 * A user class with a {@code writeReplace} method: the writer carries what it returns instead, as Java
 * serialization does. Reading such a class (when the replacement is of the same class) is the base handler's.
 */
final class ReplacingHandler extends TypeHandler {
    private final TypeHandler base;
    private final Method writeReplace;

    ReplacingHandler(TypeHandler base, Method writeReplace) {
        this.base = base;
        this.writeReplace = writeReplace;
    }

    /**
     * The handler of the class itself.
     *
     * @return the handler used when the class is written as is
     */
    TypeHandler base() {
        return base;
    }

    /**
     * Calls {@code writeReplace}.
     *
     * @param value the object
     * @return its replacement
     * @throws CarryException if {@code writeReplace} throws
     */
    Object replace(Object value) {
        try {
            return SerialMethods.invoke(writeReplace, value);
        } catch (IllegalStateException e) {
            throw new CarryException(Handlers.typeName(value.getClass()), e.getMessage(), e.getCause());
        }
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        base.write(out, value);
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        return base.read(in, wireClass, slot);
    }

    @Override
    boolean lateBound() {
        return base.lateBound();
    }
}
