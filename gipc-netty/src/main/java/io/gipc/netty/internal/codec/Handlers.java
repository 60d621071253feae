package io.gipc.netty.internal.codec;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.AbstractCollection;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractQueue;
import java.util.AbstractSequentialList;
import java.util.AbstractSet;
import java.util.Set;

/**
 * Finds the handler of a class, once per class ({@link ClassValue}), by these rules in order: refused kinds;
 * lambdas; JDK classes the codec knows; arrays; enums; other JDK classes (exceptions, records and views are
 * carried, the rest refused); user records, exceptions, collections extending a JDK collection, and plain
 * objects. A user class's {@code writeReplace} is honoured.
 */
final class Handlers {
    /** JDK superclasses without state of their own: a user class extending one is a plain object. */
    private static final Set<Class<?>> STATELESS_BASES = Set.of(
            Object.class,
            Number.class,
            AbstractCollection.class,
            AbstractList.class,
            AbstractSequentialList.class,
            AbstractSet.class,
            AbstractQueue.class,
            AbstractMap.class);

    private static final ClassValue<TypeHandler> HANDLERS = new ClassValue<>() {
        @Override
        protected TypeHandler computeValue(Class<?> type) {
            try {
                return resolve(type);
            } catch (CodecSetupException e) {
                throw e; // a failed set-up is not a refusal to cache: the next use tries again
            } catch (RuntimeException e) {
                return new RefusedHandler(e.getMessage() != null ? e.getMessage() : e.toString());
            }
        }
    };

    private Handlers() {}

    /**
     * The handler of a class.
     *
     * @param type the class of a value, or the class named on the wire
     * @return its handler, possibly one that refuses it
     */
    static TypeHandler of(Class<?> type) {
        return HANDLERS.get(type);
    }

    /**
     * Tells whether a class is written as a scalar field rather than as an object.
     *
     * @param type the class
     * @return true for String and the boxes of primitives
     */
    static boolean isScalar(Class<?> type) {
        return type == String.class
                || type == Integer.class
                || type == Long.class
                || type == Boolean.class
                || type == Double.class
                || type == Float.class
                || type == Character.class
                || type == Byte.class
                || type == Short.class;
    }

    /**
     * The name of a class in messages.
     *
     * @param type the class
     * @return its name, arrays written as {@code java.lang.String[]}
     */
    static String typeName(Class<?> type) {
        return type.getTypeName();
    }

    private static TypeHandler resolve(Class<?> type) {
        if (type == SerializedLambda.class) {
            return LambdaHandler.INSTANCE;
        }
        String refusal = Refusals.reason(type);
        if (refusal != null) {
            return new RefusedHandler(refusal);
        }
        if (type.isHidden()) {
            if (!type.getName().contains("$$Lambda")) {
                return new RefusedHandler("it is a hidden class, which no other JVM could load");
            }
            return Serializable.class.isAssignableFrom(type)
                    ? LambdaHandler.INSTANCE
                    : new RefusedHandler(
                            "it is a lambda that is not Serializable; target a Serializable functional interface (such as "
                                    + "GipcTarget0) or cast it, as in (Runnable & Serializable) () -> ...");
        }
        TypeHandler known = JdkHandlers.of(type);
        if (known != null) {
            return known;
        }
        if (type.isArray()) {
            return ArrayHandlers.of(type);
        }
        if (Enum.class.isAssignableFrom(type) && type != Enum.class) {
            return EnumHandler.INSTANCE;
        }
        if (ClassNames.isJdk(type)) {
            return jdkHandler(type);
        }
        TypeHandler handler = userHandler(type);
        Method writeReplace = SerialMethods.writeReplace(type);
        return writeReplace == null ? handler : new ReplacingHandler(handler, writeReplace);
    }

    private static TypeHandler jdkHandler(Class<?> type) {
        if (Throwable.class.isAssignableFrom(type)) {
            return ThrowableHandler.forClass(type);
        }
        if (type.isRecord()) {
            return RecordHandler.forClass(type);
        }
        if (type.getName().indexOf('$') >= 0) {
            TypeHandler morph = JdkCollections.morph(type);
            if (morph != null) {
                return morph;
            }
        }
        return new RefusedHandler("it is a JDK class the default codec does not carry");
    }

    private static TypeHandler userHandler(Class<?> type) {
        if (type.isRecord()) {
            return RecordHandler.forClass(type);
        }
        if (Throwable.class.isAssignableFrom(type)) {
            return ThrowableHandler.forClass(type);
        }
        if (type.isAnonymousClass()) {
            return new RefusedHandler(
                    "it is an anonymous class, whose name the compiler makes up; use a lambda " + "or a named class");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return new RefusedHandler("it is abstract");
        }
        Class<?> base = type.getSuperclass();
        while (!ClassNames.isJdk(base)) {
            base = base.getSuperclass();
        }
        TypeHandler baseHandler = JdkHandlers.of(base);
        if (baseHandler instanceof CollectionHandler) {
            return ((CollectionHandler) baseHandler).forSubclass(type, base);
        }
        if (baseHandler instanceof MapHandler) {
            return ((MapHandler) baseHandler).forSubclass(type, base);
        }
        if (!STATELESS_BASES.contains(base)) {
            return new RefusedHandler(
                    "it extends " + base.getName() + ", a JDK class whose state the default " + "codec cannot read");
        }
        return PojoHandler.forClass(type);
    }
}
