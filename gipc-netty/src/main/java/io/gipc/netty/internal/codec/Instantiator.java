package io.gipc.netty.internal.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Creates the objects decoding fills in, as protostuff does: through the class's own no-argument constructor
 * when it has one, otherwise through a serialization constructor that runs only a JDK superclass's constructor
 * (as Java deserialization does), so no constructor of the class with arguments is ever called.
 *
 * <p>The serialization constructor comes from {@code sun.reflect.ReflectionFactory} (module jdk.unsupported,
 * exported to everyone); it is looked up reflectively so that compiling gipc does not warn about it.
 */
final class Instantiator {
    private static final Object FACTORY;
    private static final Method FOR_SERIALIZATION;

    static {
        Object factory = null;
        Method forSerialization = null;
        try {
            Class<?> type = Class.forName("sun.reflect.ReflectionFactory");
            factory = type.getMethod("getReflectionFactory").invoke(null);
            forSerialization = type.getMethod("newConstructorForSerialization", Class.class, Constructor.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Not a HotSpot-like JDK: only classes with a no-argument constructor can be rebuilt.
        }
        FACTORY = factory;
        FOR_SERIALIZATION = forSerialization;
    }

    private final Constructor<?> constructor;

    private Instantiator(Constructor<?> constructor) {
        this.constructor = constructor;
    }

    /**
     * The way to create instances of a class whose fields decoding then sets.
     *
     * @param type a concrete class
     * @return its instantiator
     * @throws IllegalArgumentException if the class is abstract, or cannot be instantiated on this JVM
     */
    static Instantiator forClass(Class<?> type) {
        requireConcrete(type);
        try {
            Constructor<?> own = type.getDeclaredConstructor();
            if (own.trySetAccessible()) {
                return new Instantiator(own);
            }
        } catch (NoSuchMethodException e) {
            // use a serialization constructor
        }
        return new Instantiator(serializationConstructor(type, jdkSuperConstructor(type)));
    }

    /**
     * The way to create instances through a public constructor.
     *
     * @param constructor the constructor
     * @return the instantiator, whose {@link #newInstance} takes that constructor's arguments
     */
    static Instantiator calling(Constructor<?> constructor) {
        return new Instantiator(constructor);
    }

    /**
     * The way to create instances of a class by running only a superclass's constructor.
     *
     * @param type a concrete class
     * @param superConstructor a constructor of {@code type} or one of its superclasses
     * @return the instantiator, whose {@link #newInstance} takes that constructor's arguments
     * @throws IllegalArgumentException if the JVM cannot provide one
     */
    static Instantiator running(Class<?> type, Constructor<?> superConstructor) {
        requireConcrete(type);
        return new Instantiator(serializationConstructor(type, superConstructor));
    }

    /**
     * The number of arguments {@link #newInstance} takes.
     *
     * @return the constructor's parameter count
     */
    int parameterCount() {
        return constructor.getParameterCount();
    }

    /**
     * Creates an instance.
     *
     * @param args the constructor's arguments
     * @return the new object
     * @throws IllegalStateException if the constructor throws or refuses the arguments
     */
    Object newInstance(Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "the constructor of " + constructor.getDeclaringClass().getName() + " threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot instantiate " + constructor.getDeclaringClass().getName() + ": " + e, e);
        }
    }

    private static void requireConcrete(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isArray() || type.isPrimitive()) {
            throw new IllegalArgumentException(type.getName() + " cannot be instantiated (abstract)");
        }
    }

    /** The no-argument constructor of the nearest JDK superclass, so that its fields are initialized. */
    private static Constructor<?> jdkSuperConstructor(Class<?> type) {
        Class<?> jdk = type.getSuperclass();
        while (jdk != null && !ClassNames.isJdk(jdk)) {
            jdk = jdk.getSuperclass();
        }
        if (jdk != null && jdk != Object.class) {
            try {
                Constructor<?> constructor = jdk.getDeclaredConstructor();
                int modifiers = constructor.getModifiers();
                if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
                    return constructor;
                }
            } catch (NoSuchMethodException e) {
                // fall back to Object's
            }
        }
        try {
            return Object.class.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Constructor<?> serializationConstructor(Class<?> type, Constructor<?> superConstructor) {
        if (FOR_SERIALIZATION == null) {
            throw new IllegalArgumentException(type.getName() + " has no no-argument constructor, and this JVM "
                    + "offers no other way to instantiate it");
        }
        try {
            Constructor<?> constructor = (Constructor<?>) FOR_SERIALIZATION.invoke(FACTORY, type, superConstructor);
            if (constructor == null) {
                throw new IllegalArgumentException("the JVM cannot instantiate " + type.getName());
            }
            return constructor;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("the JVM cannot instantiate " + type.getName() + ": " + e, e);
        }
    }
}
