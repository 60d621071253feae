package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays. An array of objects is created with its length and bound before its elements are read; an array of
 * primitives travels as one block of bytes ({@code byte[]} itself has a kind of its own).
 */
final class ArrayHandlers {
    private ArrayHandlers() {}

    /**
     * The handler of an array class.
     *
     * @param type an array class other than {@code byte[]}
     * @return its handler
     */
    static TypeHandler of(Class<?> type) {
        return type.getComponentType().isPrimitive()
                ? new PrimitiveArray(type.getComponentType())
                : ObjectArray.INSTANCE;
    }

    /** An array of objects: length, then elements. */
    private static final class ObjectArray extends TypeHandler {
        static final ObjectArray INSTANCE = new ObjectArray();

        @Override
        void write(ValueWriter out, Object value) throws IOException {
            Object[] array = (Object[]) value;
            out.writeInt(array.length);
            for (int i = 0; i < array.length; i++) {
                out.writeElement(array[i], i, array);
            }
        }

        @Override
        Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
            int length = in.readCount();
            in.claim(length, wireClass, false);
            Object[] array = (Object[]) Array.newInstance(wireClass.getComponentType(), length);
            in.bind(slot, array);
            for (int i = 0; i < array.length; i++) {
                Object element = in.readValue();
                try {
                    array[i] = element;
                } catch (ArrayStoreException e) {
                    throw new CorruptDataException(
                            "a " + Handlers.typeName(element.getClass()) + " in a " + wireClass.getTypeName(), e);
                }
            }
            return array;
        }
    }

    /** An array of one primitive type: its elements' bytes, little-endian. */
    private static final class PrimitiveArray extends TypeHandler {
        private final Class<?> component;
        private final int width;

        PrimitiveArray(Class<?> component) {
            this.component = component;
            this.width = component == boolean.class || component == byte.class
                    ? 1
                    : component == short.class || component == char.class
                            ? 2
                            : component == int.class || component == float.class ? 4 : 8;
        }

        @Override
        void write(ValueWriter out, Object value) throws IOException {
            int length = Array.getLength(value);
            ByteBuffer bytes = ByteBuffer.allocate(length * width).order(ByteOrder.LITTLE_ENDIAN);
            if (component == boolean.class) {
                for (boolean b : (boolean[]) value) {
                    bytes.put((byte) (b ? 1 : 0));
                }
            } else if (component == byte.class) {
                bytes.put((byte[]) value);
            } else if (component == short.class) {
                bytes.asShortBuffer().put((short[]) value);
            } else if (component == char.class) {
                bytes.asCharBuffer().put((char[]) value);
            } else if (component == int.class) {
                bytes.asIntBuffer().put((int[]) value);
            } else if (component == float.class) {
                bytes.asFloatBuffer().put((float[]) value);
            } else if (component == long.class) {
                bytes.asLongBuffer().put((long[]) value);
            } else {
                bytes.asDoubleBuffer().put((double[]) value);
            }
            out.writeRaw(bytes.array());
        }

        @Override
        Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
            byte[] raw = in.readRaw();
            if (raw.length % width != 0) {
                throw new CorruptDataException(raw.length + " bytes for an array of " + component.getName());
            }
            ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            int length = raw.length / width;
            in.filterArray(wireClass, length);
            if (component == boolean.class) {
                boolean[] array = new boolean[length];
                for (int i = 0; i < length; i++) {
                    array[i] = raw[i] != 0;
                }
                return array;
            } else if (component == byte.class) {
                return raw;
            } else if (component == short.class) {
                short[] array = new short[length];
                bytes.asShortBuffer().get(array);
                return array;
            } else if (component == char.class) {
                char[] array = new char[length];
                bytes.asCharBuffer().get(array);
                return array;
            } else if (component == int.class) {
                int[] array = new int[length];
                bytes.asIntBuffer().get(array);
                return array;
            } else if (component == float.class) {
                float[] array = new float[length];
                bytes.asFloatBuffer().get(array);
                return array;
            } else if (component == long.class) {
                long[] array = new long[length];
                bytes.asLongBuffer().get(array);
                return array;
            } else {
                double[] array = new double[length];
                bytes.asDoubleBuffer().get(array);
                return array;
            }
        }
    }
}
