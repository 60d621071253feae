package io.gipc.netty.internal.codec;

import java.util.Map;

/** Finds the class a message names, the way protostuff does: the thread's context loader, then gipc's own. */
final class ClassNames {
    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "short", short.class, "char", char.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class,
            "void", void.class);

    private ClassNames() {
    }

    /**
     * Loads a class by its {@link Class#getName()}, without initializing it.
     *
     * @param name the binary name, a primitive's name, or an array descriptor
     * @return the class
     * @throws CorruptDataException if no loader knows it
     */
    static Class<?> load(String name) throws CorruptDataException {
        Class<?> primitive = PRIMITIVES.get(name);
        if (primitive != null) {
            return primitive;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = ClassNames.class.getClassLoader();
        try {
            return Class.forName(name, false, context != null ? context : own);
        } catch (ClassNotFoundException first) {
            if (context != null && context != own) {
                try {
                    return Class.forName(name, false, own);
                } catch (ClassNotFoundException ignored) {
                    // reported below
                }
            }
            throw new CorruptDataException("unknown class " + name, first);
        } catch (LinkageError e) {
            throw new CorruptDataException("cannot load class " + name + ": " + e, e);
        }
    }

    /**
     * Tells whether a class comes with the JDK (the boot or platform loader), whose private state gipc may not
     * read without {@code --add-opens}.
     *
     * @param type the class
     * @return true for JDK classes
     */
    static boolean isJdk(Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }
}
