package io.gipc.netty.internal.codec;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the class a message names, the way protostuff does: the thread's context loader, then gipc's own. What a
 * loader answered is remembered: {@code Class.forName} costs more than the rest of decoding a small message, and
 * a loader gives the same class for a name every time. The loaders are held weakly, the classes too (a class
 * lives as long as its loader), so the cache keeps no loader alive. The names read last are also remembered by
 * their bytes, so that a message naming a class it named before is answered without building a string.
 */
final class ClassNames {
    private static final Map<ClassLoader, Map<String, WeakReference<Class<?>>>> FOUND = new WeakHashMap<>();
    private static volatile LoaderCache lastUsed;

    /** Names read recently, by a hash of their bytes; a name that lands on a taken slot replaces its entry. */
    private static final RecentName[] RECENT = new RecentName[256];

    // @formatter:off
    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "short", short.class, "char", char.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class,
            "void", void.class);
    // @formatter:on

    private ClassNames() {}

    /**
     * Loads a class by its name in UTF-8, as {@link #load(String)} does.
     *
     * @param bytes holds the name
     * @param start where the name starts
     * @param length its length in bytes
     * @return the class
     * @throws CorruptDataException if no loader knows it
     */
    static Class<?> load(byte[] bytes, int start, int length) throws CorruptDataException {
        ClassLoader first = firstLoader();
        int slot = hash(bytes, start, length) & (RECENT.length - 1);
        RecentName recent = RECENT[slot];
        if (recent != null
                && recent.loader.get() == first
                && Arrays.equals(recent.name, 0, recent.name.length, bytes, start, start + length)) {
            Class<?> type = recent.type.get();
            if (type != null) {
                return type;
            }
        }
        String name = new String(bytes, start, length, StandardCharsets.UTF_8);
        Class<?> type = load(name);
        if (type.isPrimitive() || rememberedBy(first, name) == type) {
            RECENT[slot] = new RecentName(Arrays.copyOfRange(bytes, start, start + length), first, type);
        }
        return type;
    }

    /** Class names differ most at their end: the length and the last bytes tell most of them apart. */
    private static int hash(byte[] bytes, int start, int length) {
        int h = length;
        for (int i = Math.max(start, start + length - 12); i < start + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 8);
    }

    private static ClassLoader firstLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClassNames.class.getClassLoader();
    }

    private static Class<?> rememberedBy(ClassLoader loader, String name) {
        WeakReference<Class<?>> known = foundBy(loader).get(name);
        return known == null ? null : known.get();
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

    /** A name read recently, the loader asked and the class it gave; held weakly, as {@link #FOUND} holds them. */
    private static final class RecentName {
        final byte[] name;
        final WeakReference<ClassLoader> loader;
        final WeakReference<Class<?>> type;

        RecentName(byte[] name, ClassLoader loader, Class<?> type) {
            this.name = name;
            this.loader = new WeakReference<>(loader);
            this.type = new WeakReference<>(type);
        }
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
