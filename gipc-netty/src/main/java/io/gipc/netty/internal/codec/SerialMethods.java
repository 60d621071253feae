package io.gipc.netty.internal.codec;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * Java serialization's {@code writeReplace} and {@code readResolve} of a user class, found the way
 * ObjectStreamClass finds them, so that singletons and serial forms keep working with the default codec.
 */
final class SerialMethods {
    private SerialMethods() {}

    /**
     * The {@code Object writeReplace()} a Serializable class declares or inherits.
     *
     * @param type the class of the object being written
     * @return the method, accessible, or null if none applies
     */
    static Method writeReplace(Class<?> type) {
        return find(type, "writeReplace");
    }

    /**
     * The {@code Object readResolve()} a Serializable class declares or inherits.
     *
     * @param type the class of the object read
     * @return the method, accessible, or null if none applies
     */
    static Method readResolve(Class<?> type) {
        return find(type, "readResolve");
    }

    /**
     * Calls one of those methods.
     *
     * @param method the method
     * @param target the object
     * @return what it returns
     * @throws IllegalStateException wrapping what it throws
     */
    static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    method.getDeclaringClass().getName() + "." + method.getName() + "() threw " + e.getCause(),
                    e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method find(Class<?> type, String name) {
        if (!Serializable.class.isAssignableFrom(type)) {
            return null;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Method method;
            try {
                method = c.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                continue;
            }
            int modifiers = method.getModifiers();
            boolean inherited = c != type;
            if (Modifier.isStatic(modifiers)
                    || Modifier.isAbstract(modifiers)
                    || method.getReturnType() != Object.class
                    || inherited && Modifier.isPrivate(modifiers)
                    || inherited
                            && !Modifier.isPublic(modifiers)
                            && !Modifier.isProtected(modifiers)
                            && !Objects.equals(c.getPackageName(), type.getPackageName())) {
                return null;
            }
            return method.trySetAccessible() ? method : null;
        }
        return null;
    }
}
