package io.gipc.netty.internal.codec;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the class a message names, the way protostuff does: the thread's context loader, then gipc's own. What a
 * loader answered is remembered: {@code Class.forName} costs more than the rest of decoding a small message, and
 * a loader gives the same class for a name every time. The loaders are held weakly, the classes too (a class
 * lives as long as its loader), so the cache keeps no loader alive.
 */
final class ClassNames {
    private static final Map<ClassLoader, Map<String, WeakReference<Class<?>>>> FOUND = new WeakHashMap<>();
    private static volatile LoaderCache lastUsed;

    // @formatter:off
    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "short", short.class, "char", char.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class,
            "void", void.class);
    // @formatter:on

    private ClassNames() {}

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
        ClassLoader first = context != null ? context : own;
        Map<String, WeakReference<Class<?>>> found = foundBy(first);
        WeakReference<Class<?>> known = found.get(name);
        Class<?> type = known == null ? null : known.get();
        if (type != null) {
            return type;
        }
        try {
            type = Class.forName(name, false, first);
        } catch (ClassNotFoundException e) {
            // Not remembered: the first loader may learn the name later, and should then win.
            return fallBack(name, first, own, e);
        } catch (LinkageError e) {
            throw new CorruptDataException("cannot load class " + name + ": " + e, e);
        }
        found.put(name, new WeakReference<>(type));
        return type;
    }

    private static Map<String, WeakReference<Class<?>>> foundBy(ClassLoader loader) {
        LoaderCache last = lastUsed;
        if (last != null && last.loader.get() == loader) {
            return last.classes;
        }
        Map<String, WeakReference<Class<?>>> classes;
        synchronized (FOUND) {
            classes = FOUND.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        }
        lastUsed = new LoaderCache(loader, classes);
        return classes;
    }

    private static Class<?> fallBack(String name, ClassLoader first, ClassLoader own, ClassNotFoundException failure)
            throws CorruptDataException {
        if (first != own) {
            try {
                return Class.forName(name, false, own);
            } catch (ClassNotFoundException ignored) {
                // reported below
            } catch (LinkageError e) {
                throw new CorruptDataException("cannot load class " + name + ": " + e, e);
            }
        }
        throw new CorruptDataException("unknown class " + name, failure);
    }

    /** The classes one loader gave, found without the lock when the loader is the one used last (the usual case). */
    private static final class LoaderCache {
        final WeakReference<ClassLoader> loader;
        final Map<String, WeakReference<Class<?>>> classes;

        LoaderCache(ClassLoader loader, Map<String, WeakReference<Class<?>>> classes) {
            this.loader = new WeakReference<>(loader);
            this.classes = classes;
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
