package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The fields a plain object carries: every non-static, non-transient field declared by the user classes of its
 * hierarchy (superclasses first, by name within a class), read and set by reflection. Computed once per class.
 */
final class FieldLayout {
    static final FieldLayout EMPTY = new FieldLayout(new Field[0]);

    private final Field[] fields;

    private FieldLayout(Field[] fields) {
        this.fields = fields;
    }

    /**
     * The layout of a class, up to (not including) its first JDK superclass.
     *
     * @param type a user class
     * @return the layout
     * @throws IllegalStateException naming a field gipc is not allowed to read (a package not opened)
     */
    static FieldLayout of(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && !ClassNames.isJdk(c); c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        List<Field> carried = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            Field[] declared = c.getDeclaredFields();
            Arrays.sort(declared, Comparator.comparing(Field::getName));
            for (Field field : declared) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
                    continue;
                }
                if (!field.trySetAccessible()) {
                    throw new IllegalStateException("field '" + field.getName() + "' of " + c.getName()
                            + " cannot be read: " + c.getModule() + " does not open " + c.getPackageName()
                            + " to gipc");
                }
                carried.add(field);
            }
        }
        return carried.isEmpty() ? EMPTY : new FieldLayout(carried.toArray(new Field[0]));
    }

    /**
     * Writes the fields' values, in layout order.
     *
     * @param out the message
     * @param object the object
     * @throws IOException from the output
     */
    void write(ValueWriter out, Object object) throws IOException {
        for (Field field : fields) {
            Object value;
            try {
                value = field.get(object);
            } catch (IllegalAccessException e) {
                throw new CarryException(
                        field.getDeclaringClass().getName(), "field '" + field.getName() + "' cannot be read: " + e, e);
            }
            out.writeField(value, field);
        }
    }

    /**
     * Reads the fields' values into an object, in layout order.
     *
     * @param in the message
     * @param object the object, already bound to its slot
     * @throws IOException when the message does not hold a value for every field, or a value does not fit
     */
    void read(ValueReader in, Object object) throws IOException {
        for (Field field : fields) {
            int kind = in.next();
            if (kind == 0) {
                throw new CorruptDataException("no value for field '" + field.getName() + "' of "
                        + field.getDeclaringClass().getName() + ": the class has more fields than the message");
            }
            Object value = in.readValue(kind);
            try {
                field.set(object, value);
            } catch (IllegalArgumentException | IllegalAccessException e) {
                throw new CorruptDataException(
                        "field '" + field.getName() + "' of "
                                + field.getDeclaringClass().getName() + " ("
                                + field.getType().getTypeName()
                                + ") cannot hold "
                                + (value == null ? "null" : "a " + Handlers.typeName(value.getClass())),
                        e);
            }
        }
    }
}
