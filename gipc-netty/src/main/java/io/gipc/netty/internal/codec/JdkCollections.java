package io.gipc.netty.internal.codec;

import io.gipc.netty.internal.codec.CollectionHandler.Style;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.Stack;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Vector;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The JDK collections, maps and comparators the default codec carries, each through its public API: the
 * mutable classes, the unmodifiable and synchronized views, the immutable ones ({@code List.of}...), and the
 * singletons. Classes that are not public are found by example ({@code List.of(1).getClass()}).
 */
final class JdkCollections {
    private JdkCollections() {}

    /**
     * Adds the handlers of the enum sets and maps to a table.
     *
     * @param table the table, by exact class
     */
    static void addEnums(Map<Class<?>, TypeHandler> table) {
        table.put(java.util.EnumSet.class, EnumSetHandler.INSTANCE);
        table.put(EnumSetHandler.REGULAR, EnumSetHandler.INSTANCE);
        table.put(EnumSetHandler.JUMBO, EnumSetHandler.INSTANCE);
        table.put(java.util.EnumMap.class, EnumMapHandler.INSTANCE);
    }

    /**
     * Adds the handlers of the classes nested in {@link Collections} to a table: its views, singletons, copies,
     * comparators and empty constants, and {@code String.CASE_INSENSITIVE_ORDER}.
     *
     * @param table the table, by exact class
     */
    static void addNestedInCollections(Map<Class<?>, TypeHandler> table) {
        addViews(table);
        addSingletons(table);
        addConstants(table);
    }

    /**
     * The handler of a JDK class nested in another (a map's key set, a sub-list, a checked view...): the
     * elements travel in the public class of the same kind, which keeps equality.
     *
     * @param type the JDK class
     * @return the handler, or null if the class is neither a collection, a map nor a map entry
     */
    static TypeHandler morph(Class<?> type) {
        Class<?> target;
        if (Map.class.isAssignableFrom(type)) {
            target = SortedMap.class.isAssignableFrom(type) ? TreeMap.class : LinkedHashMap.class;
            return ((MapHandler) JdkHandlers.of(target)).asWireClass(target);
        }
        if (Collection.class.isAssignableFrom(type)) {
            if (SortedSet.class.isAssignableFrom(type)) {
                target = TreeSet.class;
            } else if (Set.class.isAssignableFrom(type)) {
                target = LinkedHashSet.class;
            } else if (Queue.class.isAssignableFrom(type) && !List.class.isAssignableFrom(type)) {
                target = LinkedList.class;
            } else {
                target = ArrayList.class;
            }
            return ((CollectionHandler) JdkHandlers.of(target)).asWireClass(target);
        }
        if (Map.Entry.class.isAssignableFrom(type)) {
            return entry(
                    parts -> new AbstractMap.SimpleEntry<>(parts.get(0), parts.get(1)), AbstractMap.SimpleEntry.class);
        }
        return null;
    }

    /**
     * Adds the handlers of the public mutable lists to a table.
     *
     * @param table the table, by exact class
     */
    static void addLists(Map<Class<?>, TypeHandler> table) {
        for (Class<?> type :
                List.of(ArrayList.class, LinkedList.class, Vector.class, Stack.class, CopyOnWriteArrayList.class)) {
            table.put(type, CollectionHandler.jdk(type, Style.PLAIN));
        }
    }

    /**
     * Adds the handlers of the public mutable sets, and of ConcurrentHashMap's key set, to a table.
     *
     * @param table the table, by exact class
     */
    static void addSets(Map<Class<?>, TypeHandler> table) {
        for (Class<?> type : List.of(HashSet.class, LinkedHashSet.class, CopyOnWriteArraySet.class)) {
            table.put(type, CollectionHandler.jdk(type, Style.PLAIN));
        }
        for (Class<?> type : List.of(TreeSet.class, ConcurrentSkipListSet.class)) {
            table.put(type, CollectionHandler.jdk(type, Style.COMPARATOR));
        }
        Class<?> keySetView = ConcurrentHashMap.newKeySet().getClass();
        table.put(
                keySetView,
                new KeySetViewHandler(
                        keySetView,
                        ((CollectionHandler) table.get(LinkedHashSet.class)).asWireClass(LinkedHashSet.class)));
    }

    /**
     * Adds the handlers of the public queues and deques to a table.
     *
     * @param table the table, by exact class
     */
    static void addQueues(Map<Class<?>, TypeHandler> table) {
        for (Class<?> type : List.of(
                ArrayDeque.class,
                ConcurrentLinkedQueue.class,
                ConcurrentLinkedDeque.class,
                LinkedTransferQueue.class)) {
            table.put(type, CollectionHandler.jdk(type, Style.PLAIN));
        }
        for (Class<?> type : List.of(PriorityQueue.class, PriorityBlockingQueue.class)) {
            table.put(type, CollectionHandler.jdk(type, Style.COMPARATOR));
        }
        for (Class<?> type : List.of(ArrayBlockingQueue.class, LinkedBlockingQueue.class, LinkedBlockingDeque.class)) {
            table.put(type, CollectionHandler.jdk(type, Style.CAPACITY));
        }
    }

    /**
     * Adds the handlers of the public mutable maps to a table.
     *
     * @param table the table, by exact class
     */
    static void addMaps(Map<Class<?>, TypeHandler> table) {
        for (Class<?> type : List.of(
                HashMap.class,
                LinkedHashMap.class,
                Hashtable.class,
                Properties.class,
                IdentityHashMap.class,
                WeakHashMap.class,
                ConcurrentHashMap.class)) {
            table.put(type, MapHandler.jdk(type, false));
        }
        for (Class<?> type : List.of(TreeMap.class, ConcurrentSkipListMap.class)) {
            table.put(type, MapHandler.jdk(type, true));
        }
    }

    private static void addViews(Map<Class<?>, TypeHandler> table) {
        Function<Comparator<?>, Object> list = c -> new ArrayList<>();
        Function<Comparator<?>, Object> linkedList = c -> new LinkedList<>();
        Function<Comparator<?>, Object> set = c -> new LinkedHashSet<>();
        Function<Comparator<?>, Object> sortedSet = TreeSet::new;
        Function<Comparator<?>, Object> map = c -> new LinkedHashMap<>();
        Function<Comparator<?>, Object> sortedMap = TreeMap::new;
        for (boolean sync : new boolean[] {false, true}) {
            view(
                    table,
                    sync,
                    list,
                    v -> sync
                            ? Collections.synchronizedCollection((Collection<?>) v)
                            : Collections.unmodifiableCollection((Collection<?>) v),
                    false);
            view(
                    table,
                    sync,
                    set,
                    v -> sync ? Collections.synchronizedSet((Set<?>) v) : Collections.unmodifiableSet((Set<?>) v),
                    false);
            view(
                    table,
                    sync,
                    sortedSet,
                    v -> sync
                            ? Collections.synchronizedSortedSet((SortedSet<?>) v)
                            : Collections.unmodifiableSortedSet((SortedSet<?>) v),
                    true);
            view(
                    table,
                    sync,
                    sortedSet,
                    v -> sync
                            ? Collections.synchronizedNavigableSet((NavigableSet<?>) v)
                            : Collections.unmodifiableNavigableSet((NavigableSet<?>) v),
                    true);
            view(
                    table,
                    sync,
                    list,
                    v -> sync ? Collections.synchronizedList((List<?>) v) : Collections.unmodifiableList((List<?>) v),
                    false);
            view(
                    table,
                    sync,
                    linkedList,
                    v -> sync ? Collections.synchronizedList((List<?>) v) : Collections.unmodifiableList((List<?>) v),
                    false);
            view(
                    table,
                    sync,
                    map,
                    v -> sync ? Collections.synchronizedMap((Map<?, ?>) v) : Collections.unmodifiableMap((Map<?, ?>) v),
                    false);
            view(
                    table,
                    sync,
                    sortedMap,
                    v -> sync
                            ? Collections.synchronizedSortedMap((SortedMap<?, ?>) v)
                            : Collections.unmodifiableSortedMap((SortedMap<?, ?>) v),
                    true);
            view(
                    table,
                    sync,
                    sortedMap,
                    v -> sync
                            ? Collections.synchronizedNavigableMap((NavigableMap<?, ?>) v)
                            : Collections.unmodifiableNavigableMap((NavigableMap<?, ?>) v),
                    true);
        }
    }

    /** Registers the view class that {@code wrap} makes of an empty backing collection. */
    private static void view(
            Map<Class<?>, TypeHandler> table,
            boolean sync,
            Function<Comparator<?>, Object> backing,
            UnaryOperator<Object> wrap,
            boolean sorted) {
        Class<?> viewClass = wrap.apply(backing.apply(null)).getClass();
        table.put(viewClass, new ViewHandler(backing, wrap, sorted, sync));
    }

    /**
     * Adds the handlers of the immutable collections ({@code List.of}...), {@code Arrays.asList} and the map
     * entries to a table.
     *
     * @param table the table, by exact class
     */
    static void addImmutable(Map<Class<?>, TypeHandler> table) {
        BuiltHandler immutableList = new BuiltHandler(BuiltHandler.ELEMENTS, JdkCollections::immutableList, null);
        for (List<?> example :
                List.of(List.of(1), List.of(1, 2, 3), List.of(1, 2, 3).subList(0, 2))) {
            table.put(example.getClass(), immutableList);
        }
        BuiltHandler immutableSet =
                new BuiltHandler(BuiltHandler.ELEMENTS, parts -> Set.of(parts.toArray()), null).hashing(1);
        table.put(Set.of(1).getClass(), immutableSet);
        table.put(Set.of(1, 2, 3).getClass(), immutableSet);
        BuiltHandler immutableMap =
                new BuiltHandler(BuiltHandler.ENTRIES, JdkCollections::immutableMap, null).hashing(2);
        table.put(Map.of(1, 1).getClass(), immutableMap);
        table.put(Map.of(1, 1, 2, 2).getClass(), immutableMap);
        table.put(Arrays.asList(1).getClass(), ArraysAsListHandler.INSTANCE);
        table.put(Map.entry(1, 1).getClass(), entry(parts -> Map.entry(parts.get(0), parts.get(1)), null));
        table.put(
                AbstractMap.SimpleEntry.class,
                entry(parts -> new AbstractMap.SimpleEntry<>(parts.get(0), parts.get(1)), null));
        table.put(
                AbstractMap.SimpleImmutableEntry.class,
                entry(parts -> new AbstractMap.SimpleImmutableEntry<>(parts.get(0), parts.get(1)), null));
    }

    private static void addSingletons(Map<Class<?>, TypeHandler> table) {
        table.put(
                Collections.singletonList(1).getClass(),
                new BuiltHandler(
                        BuiltHandler.ELEMENTS,
                        parts -> Collections.singletonList(only(parts, 1).get(0)),
                        null));
        table.put(
                Collections.singleton(1).getClass(),
                new BuiltHandler(
                        BuiltHandler.ELEMENTS,
                        parts -> Collections.singleton(only(parts, 1).get(0)),
                        null));
        table.put(
                Collections.singletonMap(1, 1).getClass(),
                new BuiltHandler(
                        BuiltHandler.ENTRIES,
                        parts -> Collections.singletonMap(only(parts, 2).get(0), parts.get(1)),
                        null));
        table.put(
                Collections.nCopies(1, 1).getClass(),
                new BuiltHandler(
                        (out, v) -> {
                            List<?> copies = (List<?>) v;
                            out.writeInt(copies.size());
                            out.writePart(copies.isEmpty() ? null : copies.get(0), "element", copies);
                        },
                        parts -> Collections.nCopies((Integer) only(parts, 2).get(0), parts.get(1)),
                        null));
        table.put(
                Collections.reverseOrder(String.CASE_INSENSITIVE_ORDER).getClass(),
                new BuiltHandler(
                        (out, v) -> out.writePart(((Comparator<?>) v).reversed(), "comparator", v),
                        parts -> reverse(only(parts, 1).get(0)),
                        null));
    }

    private static void addConstants(Map<Class<?>, TypeHandler> table) {
        for (Object constant : List.of(
                Collections.emptyList(),
                Collections.emptySet(),
                Collections.emptyMap(),
                Collections.emptyNavigableSet(),
                Collections.emptyNavigableMap(),
                Collections.reverseOrder(),
                String.CASE_INSENSITIVE_ORDER)) {
            table.put(constant.getClass(), new ConstantHandler(constant));
        }
    }

    private static BuiltHandler entry(Function<List<Object>, Object> build, Class<?> wireClass) {
        return new BuiltHandler(
                (out, v) -> {
                    Map.Entry<?, ?> entry = (Map.Entry<?, ?>) v;
                    out.writePart(entry.getKey(), "key", entry);
                    out.writePart(entry.getValue(), "value", entry);
                },
                parts -> build.apply(only(parts, 2)),
                wireClass);
    }

    @SuppressWarnings("unchecked")
    private static Object reverse(Object comparator) {
        return Collections.reverseOrder((Comparator<Object>) comparator);
    }

    private static Object immutableList(List<Object> parts) {
        // List.of refuses nulls; a list from Stream.toList() may hold them, and the stream keeps them.
        return parts.contains(null) ? parts.stream().toList() : List.of(parts.toArray());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object immutableMap(List<Object> parts) {
        Map.Entry<Object, Object>[] entries = new Map.Entry[parts.size() / 2];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = Map.entry(parts.get(2 * i), parts.get(2 * i + 1));
        }
        return Map.ofEntries(entries);
    }

    private static List<Object> only(List<Object> parts, int count) {
        if (parts.size() != count) {
            throw new IllegalStateException(count + " parts expected, " + parts.size() + " found");
        }
        return parts;
    }

    /** {@code Arrays.asList}: a fixed-size list over an array, bound before its elements are read. */
    private static final class ArraysAsListHandler extends TypeHandler {
        static final ArraysAsListHandler INSTANCE = new ArraysAsListHandler();

        @Override
        void write(ValueWriter out, Object value) throws IOException {
            List<?> list = (List<?>) value;
            out.writeInt(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.writeElement(list.get(i), i, list);
            }
        }

        @Override
        Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
            int length = in.readCount();
            in.claim(length, Object[].class, false);
            Object[] array = new Object[length];
            List<Object> list = Arrays.asList(array);
            in.bind(slot, list);
            for (int i = 0; i < array.length; i++) {
                array[i] = in.readValue();
            }
            return list;
        }
    }

    /**
     * ConcurrentHashMap's key-set view: {@code ConcurrentHashMap.newKeySet()} is a set of its own and travels as
     * one; the key set of a map is a view and travels as a LinkedHashSet.
     */
    private static final class KeySetViewHandler extends TypeHandler {
        private final Class<?> keySetView;
        private final TypeHandler asSet;
        private final BuiltHandler newKeySet = new BuiltHandler(
                        BuiltHandler.ELEMENTS,
                        parts -> {
                            Set<Object> set = ConcurrentHashMap.newKeySet();
                            set.addAll(parts);
                            return set;
                        },
                        null)
                .hashing(1);

        KeySetViewHandler(Class<?> keySetView, TypeHandler asSet) {
            this.keySetView = keySetView;
            this.asSet = asSet;
        }

        @Override
        Class<?> wireClass(Object value) {
            return isNewKeySet(value) ? keySetView : LinkedHashSet.class;
        }

        @Override
        boolean lateBound() {
            return true;
        }

        @Override
        void write(ValueWriter out, Object value) throws IOException {
            (isNewKeySet(value) ? newKeySet : asSet).write(out, value);
        }

        @Override
        Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
            return newKeySet.read(in, wireClass, slot);
        }

        private static boolean isNewKeySet(Object value) {
            // newKeySet() maps every key to Boolean.TRUE; keySet() of a map has no mapped value.
            return ((ConcurrentHashMap.KeySetView<?, ?>) value).getMappedValue() == Boolean.TRUE;
        }
    }
}
