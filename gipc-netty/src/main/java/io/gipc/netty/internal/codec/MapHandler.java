package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;

/**
 * A mutable map: created empty (with its comparator), bound, then its entries are put in iteration order, which
 * keeps a LinkedHashMap's order. Serves a public JDK class, a user subclass of one, and JDK map views.
 */
final class MapHandler extends TypeHandler {
    private final boolean sorted;
    private final Class<?> wireClass;
    private final Instantiator instantiator;
    private final FieldLayout userFields;

    private MapHandler(boolean sorted, Class<?> wireClass, Instantiator instantiator, FieldLayout userFields) {
        this.sorted = sorted;
        this.wireClass = wireClass;
        this.instantiator = instantiator;
        this.userFields = userFields;
    }

    /**
     * The handler of a public JDK map class.
     *
     * @param type the class
     * @param sorted whether its constructor takes a comparator
     * @return the handler
     */
    static MapHandler jdk(Class<?> type, boolean sorted) {
        return new MapHandler(sorted, null, Instantiator.calling(constructor(type, sorted)), FieldLayout.EMPTY);
    }

    /**
     * The handler of a user class extending the JDK class of this handler.
     *
     * @param type the user class
     * @param jdkClass the JDK class it extends
     * @return the handler
     */
    MapHandler forSubclass(Class<?> type, Class<?> jdkClass) {
        return new MapHandler(
                sorted, null, Instantiator.running(type, constructor(jdkClass, sorted)), FieldLayout.of(type));
    }

    /**
     * This handler, writing other maps (JDK views) as if they were of its class.
     *
     * @param jdkClass the class of this handler
     * @return the handler for views
     */
    MapHandler asWireClass(Class<?> jdkClass) {
        return new MapHandler(sorted, jdkClass, instantiator, userFields);
    }

    @Override
    Class<?> wireClass(Object value) {
        return wireClass != null ? wireClass : value.getClass();
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        Map<?, ?> map = (Map<?, ?>) value;
        if (sorted) {
            out.writeBeforeOwner(((SortedMap<?, ?>) map).comparator(), "comparator", map);
        }
        userFields.write(out, map);
        writeEntries(out, map);
    }

    @Override
    @SuppressWarnings("unchecked")
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        Map<Object, Object> map =
                (Map<Object, Object>) (sorted ? instantiator.newInstance(in.readValue()) : instantiator.newInstance());
        in.bind(slot, map);
        userFields.read(in, map);
        readEntries(in, map);
        return map;
    }

    /**
     * Writes a map's entries as key, value, key, value...
     *
     * @param out the message
     * @param map the map
     * @throws IOException from the output
     */
    static void writeEntries(ValueWriter out, Map<?, ?> map) throws IOException {
        int index = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.writePart(entry.getKey(), "key", index, map);
            out.writePart(entry.getValue(), "value", index, map);
            index++;
        }
    }

    /**
     * Reads entries written by {@link #writeEntries} up to the end of the group, paying for hashing or comparing
     * their keys.
     *
     * @param in the message
     * @param map where to put them
     * @throws IOException when an entry is corrupt
     */
    static void readEntries(ValueReader in, Map<Object, Object> map) throws IOException {
        int insertKind = DecodeBudget.insertKind(map);
        int size = 0;
        for (int kind; (kind = in.next()) != 0; size++) {
            Object key = in.readValue(kind);
            long keyCost = in.valueCost();
            if (in.valueCyclic() && insertKind != DecodeBudget.FREE) {
                throw in.cycleThroughHashing(map.getClass());
            }
            Object value = in.readValue();
            in.beforeInsert(map, insertKind, keyCost, size);
            map.put(key, value);
        }
    }

    private static Constructor<?> constructor(Class<?> type, boolean sorted) {
        try {
            return sorted ? type.getConstructor(Comparator.class) : type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no such constructor", e);
        }
    }
}
