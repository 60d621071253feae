package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A record: its components, read through their accessors and rebuilt through the canonical constructor, so its
 * validation runs. Late-bound: a record only exists once its components are read.
 */
final class RecordHandler extends TypeHandler {
    private final Method[] accessors;
    private final String[] parts;
    private final Constructor<?> canonical;
    private final Method readResolve;

    private RecordHandler(Method[] accessors, String[] parts, Constructor<?> canonical, Method readResolve) {
        this.accessors = accessors;
        this.parts = parts;
        this.canonical = canonical;
        this.readResolve = readResolve;
    }

    /**
     * The handler of a record class.
     *
     * @param type the record class
     * @return its handler
     * @throws IllegalStateException if its accessors or constructor are not accessible to gipc
     */
    static RecordHandler forClass(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        String[] parts = new String[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = accessible(components[i].getAccessor(), type);
            parts[i] = "component '" + components[i].getName() + "'";
            types[i] = components[i].getType();
        }
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
        return new RecordHandler(accessors, parts, accessible(canonical, type), SerialMethods.readResolve(type));
    }

    private static <T extends java.lang.reflect.Executable> T accessible(T member, Class<?> type) {
        if (!member.trySetAccessible()) {
            throw new IllegalStateException(member + " cannot be called: " + type.getModule() + " does not open "
                    + type.getPackageName() + " to gipc");
        }
        return member;
    }

    @Override
    boolean lateBound() {
        return true;
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        for (int i = 0; i < accessors.length; i++) {
            Object component;
            try {
                component = accessors[i].invoke(value);
            } catch (InvocationTargetException | IllegalAccessException e) {
                Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
                throw new CarryException(
                        value.getClass().getName(),
                        "its accessor " + accessors[i].getName() + "() threw " + cause,
                        cause);
            }
            out.writePart(component, parts[i], value);
        }
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        Object[] args = new Object[accessors.length];
        for (int i = 0; i < args.length; i++) {
            int kind = in.next();
            if (kind == 0) {
                throw new CorruptDataException(
                        "no value for " + parts[i] + ": the record has more components than " + "the message");
            }
            args[i] = in.readValue(kind);
        }
        Object record;
        try {
            record = canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new CorruptDataException("its constructor threw " + e.getCause(), e.getCause());
        } catch (IllegalArgumentException | ReflectiveOperationException e) {
            throw new CorruptDataException("its components do not fit its constructor: " + e, e);
        }
        return readResolve == null ? record : SerialMethods.invoke(readResolve, record);
    }
}
