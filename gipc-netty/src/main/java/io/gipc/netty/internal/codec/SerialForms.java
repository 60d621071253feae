package io.gipc.netty.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.lang.invoke.SerializedLambda;

/**
 * What only a JDK class's Java serial form reveals, obtained without deep reflection by running Java
 * serialization locally (nothing of it travels): the element type of an empty EnumSet or EnumMap, and the
 * {@link SerializedLambda} of a lambda created inside the JDK ({@code Comparator.comparing}...), whose
 * {@code writeReplace} and {@code $deserializeLambda$} gipc may not call itself. ObjectOutputStream and
 * ObjectInputStream may: they run with the JDK's own access.
 */
final class SerialForms {
    private SerialForms() {}

    /**
     * The enum type of an EnumSet or EnumMap, from the class descriptors its serial form writes.
     *
     * @param enumSetOrMap the set or map
     * @return its enum class
     * @throws IOException if serialization fails or names no enum
     */
    static Class<?> enumTypeOf(Object enumSetOrMap) throws IOException {
        try (Sniffer sniffer = new Sniffer()) {
            sniffer.writeObject(enumSetOrMap);
            if (sniffer.enumType == null) {
                throw new IOException(
                        "the serial form of " + enumSetOrMap.getClass().getName() + " names no enum");
            }
            return sniffer.enumType;
        }
    }

    /**
     * The SerializedLambda a serializable lambda's {@code writeReplace} returns.
     *
     * @param lambda the lambda
     * @return its serialized form
     * @throws IOException if serialization fails
     */
    static SerializedLambda serializedLambdaOf(Object lambda) throws IOException {
        try (Sniffer sniffer = new Sniffer()) {
            sniffer.writeObject(lambda);
            if (sniffer.lambda == null) {
                throw new IOException(lambda.getClass().getName() + " has no SerializedLambda form");
            }
            return sniffer.lambda;
        }
    }

    /**
     * The lambda a SerializedLambda stands for, rebuilt by {@code SerializedLambda.readResolve}, which calls the
     * capturing class's {@code $deserializeLambda$} with the JDK's access. Its captured values must then be
     * Serializable.
     *
     * @param form the serialized form
     * @return the lambda
     * @throws IOException if Java serialization refuses it
     * @throws ClassNotFoundException if a class is missing
     */
    static Object readResolve(SerializedLambda form) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(form);
        }
        try (ObjectInputStream in = new LoaderAwareInput(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    /** Stops at the first SerializedLambda, and notes the first enum class described. */
    private static final class Sniffer extends ObjectOutputStream {
        SerializedLambda lambda;
        Class<?> enumType;

        Sniffer() throws IOException {
            super(OutputStream.nullOutputStream());
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object object) {
            if (object instanceof SerializedLambda && lambda == null) {
                lambda = (SerializedLambda) object;
                return null;
            }
            return object;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            if (type.isEnum() && enumType == null) {
                enumType = type;
            }
        }
    }

    /** Resolves classes the way decoding does, not through the caller's loader. */
    private static final class LoaderAwareInput extends ObjectInputStream {
        LoaderAwareInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return ClassNames.load(desc.getName());
            } catch (CorruptDataException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
