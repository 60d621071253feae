package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Turns a serializable lambda into the {@link SerializedLambda} that names it and back, without Java
 * serialization: the lambda's private {@code writeReplace} gives the former, the capturing class's private
 * static {@code $deserializeLambda$} rebuilds it. Both are reachable for classes in unnamed modules and in packages
 * open to gipc; for a lambda created inside the JDK (or a module that is not open) {@link SerialForms} gets the
 * JDK to call them.
 */
final class SerializedLambdas {
    private static final MethodType DESERIALIZE = MethodType.methodType(Object.class, SerializedLambda.class);

    private static final ClassValue<Optional<Method>> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method method = type.getDeclaredMethod("writeReplace");
                return method.trySetAccessible() ? Optional.of(method) : Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    private static final ClassValue<Optional<MethodHandle>> DESERIALIZE_LAMBDA = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> type) {
            try {
                // privateLookupIn needs gipc's module to read the class's, as well as the package to be open to it.
                // A named gipc reads no application module by itself (a no-op when gipc is unnamed).
                SerializedLambdas.class.getModule().addReads(type.getModule());
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                return Optional.of(lookup.findStatic(type, "$deserializeLambda$", DESERIALIZE));
            } catch (IllegalAccessException e) {
                return Optional.empty();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(
                        type.getName() + " has no $deserializeLambda$ method: it created no "
                                + "serializable lambda when compiled",
                        e);
            }
        }
    };

    private SerializedLambdas() {}

    /**
     * The serialized form of a serializable lambda.
     *
     * @param lambda the lambda (an instance of a hidden lambda class implementing Serializable)
     * @return its serialized form
     * @throws IOException if the JDK cannot produce it
     */
    static SerializedLambda of(Object lambda) throws IOException {
        Optional<Method> writeReplace = WRITE_REPLACE.get(lambda.getClass());
        if (writeReplace.isEmpty()) {
            return SerialForms.serializedLambdaOf(lambda);
        }
        try {
            Object form = writeReplace.get().invoke(lambda);
            if (form instanceof SerializedLambda) {
                return (SerializedLambda) form;
            }
            throw new IOException("writeReplace of " + lambda.getClass().getName() + " returned " + form);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IOException("writeReplace of " + lambda.getClass().getName() + " failed: " + e, e);
        }
    }

    /**
     * Rebuilds the lambda a serialized form names.
     *
     * @param form the serialized form
     * @return the lambda
     * @throws IOException if the capturing class refuses it
     */
    static Object rebuild(SerializedLambda form, Class<?> capturingClass) throws IOException {
        Optional<MethodHandle> deserialize = DESERIALIZE_LAMBDA.get(capturingClass);
        try {
            if (deserialize.isPresent()) {
                return deserialize.get().invoke(form);
            }
            return SerialForms.readResolve(form);
        } catch (IOException | RuntimeException | Error e) {
            throw new CorruptDataException(
                    "cannot rebuild the lambda " + form.getImplClass().replace('/', '.') + "::"
                            + form.getImplMethodName() + " in " + capturingClass.getName() + ": " + e,
                    e);
        } catch (Throwable e) {
            throw new CorruptDataException("cannot rebuild the lambda " + form.getImplMethodName() + ": " + e, e);
        }
    }
}
