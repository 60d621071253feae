package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An immutable object built from its parts once they are all read: {@code List.of}, {@code Set.of},
 * {@code Map.of}, {@code Collections.singleton*}, {@code Map.entry}, {@code Optional}... Late-bound: a
 * reference back to it from inside its parts cannot be rebuilt.
 */
final class BuiltHandler extends TypeHandler {
    /** Writes the parts of a value, each as one value. */
    interface Parts {
        /**
         * Writes the parts.
         *
         * @param out the message
         * @param value the object
         * @throws IOException from the output
         */
        void write(ValueWriter out, Object value) throws IOException;
    }

    /** The parts of a collection: its elements. */
    static final Parts ELEMENTS = (out, value) -> {
        int index = 0;
        for (Object element : (Collection<?>) value) {
            out.writeElement(element, index++, value);
        }
    };

    /** The parts of a map: key, value, key, value... */
    static final Parts ENTRIES = (out, value) -> MapHandler.writeEntries(out, (Map<?, ?>) value);

    private final Parts parts;
    private final Function<List<Object>, Object> build;
    private final Class<?> wireClass;
    /** Which parts building hashes: 0 none, 1 every part (a set), 2 every other part from the first (map keys). */
    private final int hashedStride;

    /**
     * A handler.
     *
     * @param parts writes the parts
     * @param build builds the object from the parts read
     * @param wireClass the class to name on the wire, or null for the value's own
     */
    BuiltHandler(Parts parts, Function<List<Object>, Object> build, Class<?> wireClass) {
        this(parts, build, wireClass, 0);
    }

    private BuiltHandler(Parts parts, Function<List<Object>, Object> build, Class<?> wireClass, int hashedStride) {
        this.parts = parts;
        this.build = build;
        this.wireClass = wireClass;
        this.hashedStride = hashedStride;
    }

    /**
     * This handler, for an object whose building hashes its parts (a set) or every other part (a map's keys):
     * the decoder pays for the hashing before building ({@link DecodeBudget}).
     *
     * @param stride 1 for every part, 2 for every other part from the first
     * @return the handler
     */
    BuiltHandler hashing(int stride) {
        return new BuiltHandler(parts, build, wireClass, stride);
    }

    @Override
    Class<?> wireClass(Object value) {
        return wireClass != null ? wireClass : value.getClass();
    }

    @Override
    boolean lateBound() {
        return true;
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        parts.write(out, value);
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        List<Object> read = new ArrayList<>();
        long hashCost = 0;
        for (int kind; (kind = in.next()) != 0; ) {
            if (hashedStride != 0 && read.size() % hashedStride == 0) {
                read.add(in.readValue(kind));
                hashCost = DecodeBudget.saturatedAdd(hashCost, in.valueCost());
                if (in.valueCyclic()) {
                    throw in.cycleThroughHashing(wireClass);
                }
            } else {
                read.add(in.readValue(kind));
            }
        }
        if (hashedStride != 0) {
            in.spend(hashCost, "hashing the parts of a", wireClass);
        }
        return build.apply(read);
    }
}
