package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.reflect.Method;

/**
 * A plain object of a user class: created first (so that cycles through it resolve), then its fields are set
 * by reflection, final ones included; transient fields are skipped. A {@code readResolve} it declares is
 * honoured.
 */
final class PojoHandler extends TypeHandler {
    private final FieldLayout layout;
    private final Instantiator instantiator;
    private final Method readResolve;

    private PojoHandler(FieldLayout layout, Instantiator instantiator, Method readResolve) {
        this.layout = layout;
        this.instantiator = instantiator;
        this.readResolve = readResolve;
    }

    /**
     * The handler of a user class.
     *
     * @param type a concrete user class whose JDK superclasses hold no state
     * @return its handler
     * @throws IllegalStateException if a field cannot be read
     * @throws IllegalArgumentException if the class cannot be instantiated
     */
    static PojoHandler forClass(Class<?> type) {
        return new PojoHandler(FieldLayout.of(type), Instantiator.forClass(type), SerialMethods.readResolve(type));
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        layout.write(out, value);
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        Object object = instantiator.newInstance();
        in.bind(slot, object);
        layout.read(in, object);
        return readResolve == null ? object : SerialMethods.invoke(readResolve, object);
    }
}
