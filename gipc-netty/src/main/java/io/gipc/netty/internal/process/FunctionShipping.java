package io.gipc.netty.internal.process;

import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.netty.internal.codec.DefaultCodec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.List;

/**
 * Ships a function object (a target, an encoder, a decoder) to a child, and rebuilds it there.
 *
 * <ul>
 *   <li>A serializable lambda or method reference travels as a {@link LambdaForm}: what its
 *       {@link SerializedLambda} names, and its captured values encoded by the default codec (handles among
 *       them are transferred like arguments). The child rebuilds it through the capturing class's own
 *       {@code $deserializeLambda$}, as Java serialization does, with no {@code --add-opens}.</li>
 *   <li>An anonymous or local class is refused: it cannot be named in another JVM reliably.</li>
 *   <li>Any other object (an instance of a named class) travels as a value of the default codec.</li>
 * </ul>
 * Everything is checked in the parent, so an unshippable function fails before any process starts.
 */
public final class FunctionShipping {
    private FunctionShipping() {
    }

    /**
     * Encodes a function for a child.
     *
     * @param function the function
     * @param what what it is, for messages ("the target", "the encoder of Writer#3")
     * @param handles handles found so far; handles captured by a lambda are appended
     * @return its bytes
     * @throws GipcException if it cannot be shipped, naming the class and why
     */
    public static byte[] encode(Object function, String what, List<GipcHandle> handles) {
        Class<?> type = function.getClass();
        if (type.isAnonymousClass() || type.isLocalClass()) {
            throw new GipcException("cannot ship " + what + " to a child: " + type.getName() + " is an "
                    + (type.isAnonymousClass() ? "anonymous" : "local") + " class; use a lambda, a method reference"
                    + " or an instance of a named class");
        }
        SerializedLambda lambda = serializedLambda(function);
        Object form = lambda == null ? function : formOf(lambda, what, handles);
        try {
            return DefaultCodec.encode(form);
        } catch (RuntimeException e) {
            throw new GipcCodecException("cannot ship " + what + " (" + type.getName() + ") to a child: "
                    + e.getMessage(), e);
        }
    }

    private static LambdaForm formOf(SerializedLambda l, String what, List<GipcHandle> handles) {
        LambdaForm f = new LambdaForm();
        f.capturingClass = l.getCapturingClass();
        f.functionalInterfaceClass = l.getFunctionalInterfaceClass();
        f.functionalInterfaceMethodName = l.getFunctionalInterfaceMethodName();
        f.functionalInterfaceMethodSignature = l.getFunctionalInterfaceMethodSignature();
        f.implMethodKind = l.getImplMethodKind();
        f.implClass = l.getImplClass();
        f.implMethodName = l.getImplMethodName();
        f.implMethodSignature = l.getImplMethodSignature();
        f.instantiatedMethodType = l.getInstantiatedMethodType();
        for (int i = 0; i < l.getCapturedArgCount(); i++) {
            Object arg = l.getCapturedArg(i);
            String where = what + "'s captured value " + i;
            Object shipped = HandleGraph.extract(arg, handles, where);
            try {
                f.capturedArgs.add(DefaultCodec.encode(shipped));
            } catch (RuntimeException e) {
                throw new GipcCodecException("cannot ship " + what + " (a lambda of " + l.getCapturingClass()
                        .replace('/', '.') + "): its captured value " + i + " of type "
                        + (arg == null ? "null" : arg.getClass().getName()) + " cannot be encoded: " + e.getMessage(),
                        e);
            }
        }
        return f;
    }

    /**
     * The serialized form of a lambda, taken from Java serialization's own {@code writeReplace} call without
     * serializing anything else (captured values need not be {@code Serializable}).
     */
    private static SerializedLambda serializedLambda(Object function) {
        if (!(function instanceof Serializable) || !function.getClass().isSynthetic()) {
            return null;
        }
        try (Grabber g = new Grabber()) {
            g.writeObject(function);
            return g.grabbed;
        } catch (IOException e) {
            throw new GipcException("cannot take the serialized form of " + function.getClass().getName() + ": "
                    + e, e);
        }
    }

    /** An object stream that keeps the first {@link SerializedLambda} it meets and writes a stand-in instead. */
    private static final class Grabber extends ObjectOutputStream {
        SerializedLambda grabbed;

        Grabber() throws IOException {
            super(OutputStream.nullOutputStream());
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof SerializedLambda && grabbed == null) {
                grabbed = (SerializedLambda) obj;
                return "";
            }
            return obj;
        }
    }

    /**
     * Child side: rebuilds a function.
     *
     * @param bytes what {@link #encode} produced
     * @param handles the transferred handles, for captured handles
     * @return the function
     * @throws Exception if a class cannot be loaded or a value decoded
     */
    public static Object decode(byte[] bytes, List<GipcHandle> handles) throws Exception {
        Object form = DefaultCodec.decode(bytes);
        if (!(form instanceof LambdaForm)) {
            return form;
        }
        LambdaForm f = (LambdaForm) form;
        ClassLoader loader = loader();
        Class<?> capturing = Class.forName(f.capturingClass.replace('/', '.'), false, loader);
        Object[] captured = new Object[f.capturedArgs.size()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = HandleGraph.restore(DefaultCodec.decode(f.capturedArgs.get(i)), handles);
        }
        // Placeholders go through Java serialization; the real captured values are swapped in as it reads.
        Object[] placeholders = new Object[captured.length];
        for (int i = 0; i < captured.length; i++) {
            placeholders[i] = new Placeholder(i);
        }
        SerializedLambda serialized = new SerializedLambda(capturing, f.functionalInterfaceClass,
                f.functionalInterfaceMethodName, f.functionalInterfaceMethodSignature, f.implMethodKind,
                f.implClass, f.implMethodName, f.implMethodSignature, f.instantiatedMethodType, placeholders);
        ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytesOut)) {
            out.writeObject(serialized);
        }
        try (Resolver in = new Resolver(new ByteArrayInputStream(bytesOut.toByteArray()), captured, loader)) {
            return in.readObject();
        }
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ClassLoader.getSystemClassLoader();
    }

    /** Stands for captured value {@code index} while the serialized lambda is read back. */
    private static final class Placeholder implements Serializable {
        private static final long serialVersionUID = 1L;
        final int index;

        Placeholder(int index) {
            this.index = index;
        }
    }

    /** Reads the serialized lambda back, swapping each placeholder for its captured value. */
    private static final class Resolver extends ObjectInputStream {
        private final Object[] captured;
        private final ClassLoader loader;

        Resolver(InputStream in, Object[] captured, ClassLoader loader) throws IOException {
            super(in);
            this.captured = captured;
            this.loader = loader;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj instanceof Placeholder ? captured[((Placeholder) obj).index] : obj;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
