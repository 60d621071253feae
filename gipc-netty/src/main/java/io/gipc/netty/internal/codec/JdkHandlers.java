package io.gipc.netty.internal.codec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The handlers of the JDK classes the default codec knows, by exact class, in groups built at first need: a
 * child's bootstrap (ArrayLists of byte arrays, a LinkedHashMap) builds the groups of lists and maps and no other,
 * so that a child's start does not pay for java.time, the concurrent queues, the collection views and a hundred
 * lambdas it never uses.
 *
 * <p>A class's group is found from its name alone, without loading a group; non-public classes (the JDK's
 * {@code ImmutableCollections$List12}...) by the class they are nested in. A group's classes are found by example
 * when it is built, and each must map back to that group (checked by this class's test on every JDK it runs on).
 *
 * <p>Not built in a static initializer: a failure there (out of descriptors, out of memory) would leave the class
 * unusable for the JVM's lifetime; here it is thrown to that caller as a {@link CodecSetupException}, nothing of
 * the group is kept, and the next caller tries again.
 */
final class JdkHandlers {
    /** A group of handlers, built together. */
    enum Group {
        /** Object and Class. */
        BASICS,
        /** Numbers, UUID, Date, URI, File, Pattern, atomics, Optional and a few more. */
        VALUES,
        /** Paths of the default file system. */
        PATHS,
        /** java.time. */
        TIME,
        /** The public mutable lists. */
        LISTS,
        /** The public mutable sets, and ConcurrentHashMap's key set. */
        SETS,
        /** The public queues and deques. */
        QUEUES,
        /** The public mutable maps. */
        MAPS,
        /** List.of, Set.of, Map.of, Arrays.asList and map entries. */
        IMMUTABLE,
        /** The classes nested in Collections (views, singletons, constants) and String's comparator. */
        NESTED_IN_COLLECTIONS,
        /** EnumSet and EnumMap. */
        ENUMS
    }

    /**
     * The built groups, by ordinal, null until built; copied on write and published whole through this volatile
     * field (an AtomicReferenceArray would bring up VarHandles in every child).
     */
    @SuppressWarnings("unchecked")
    private static volatile Map<Class<?>, TypeHandler>[] tables = new Map[Group.values().length];

    private static final TypeHandler OBJECT = new TypeHandler() {
        @Override
        void write(ValueWriter out, Object value) {
            // nothing but its identity
        }

        @Override
        Object read(ValueReader in, Class<?> wireClass, int slot) {
            return new Object();
        }
    };

    private JdkHandlers() {}

    /**
     * The handler of a JDK class the codec knows, building its group at first need.
     *
     * @param type the class
     * @return its handler, or null if the codec knows no handler for exactly this class
     * @throws CodecSetupException if its group could not be built
     */
    static TypeHandler of(Class<?> type) {
        Group group = groupOf(type);
        return group == null ? null : table(group).get(type);
    }

    /**
     * The group that holds a class's handler if the codec has one.
     *
     * @param type the class
     * @return its group, or null if no group holds it
     */
    static Group groupOf(Class<?> type) {
        if (type.isArray() || type.isPrimitive()) {
            return null;
        }
        String name = type.getName();
        int nested = name.indexOf('$');
        if (nested >= 0) {
            switch (name.substring(0, nested)) {
                case "java.util.ImmutableCollections", "java.util.Arrays", "java.util.AbstractMap":
                    return Group.IMMUTABLE;
                case "java.util.Collections", "java.lang.String":
                    return Group.NESTED_IN_COLLECTIONS;
                case "java.util.concurrent.ConcurrentHashMap":
                    return Group.SETS;
                default:
                    return otherGroupOf(type, name);
            }
        }
        switch (name) {
            case "java.lang.Object", "java.lang.Class":
                return Group.BASICS;
            case "java.math.BigInteger",
                    "java.math.BigDecimal",
                    "java.util.UUID",
                    "java.util.Date",
                    "java.net.URI",
                    "java.io.File",
                    "java.util.regex.Pattern",
                    "java.util.BitSet",
                    "java.util.Currency",
                    "java.lang.StringBuilder",
                    "java.lang.StringBuffer",
                    "java.util.Locale",
                    "java.util.concurrent.atomic.AtomicInteger",
                    "java.util.concurrent.atomic.AtomicLong",
                    "java.util.concurrent.atomic.AtomicBoolean",
                    "java.util.concurrent.atomic.AtomicReference",
                    "java.lang.StackTraceElement",
                    "java.util.Optional",
                    "java.util.OptionalInt",
                    "java.util.OptionalLong",
                    "java.util.OptionalDouble":
                return Group.VALUES;
            case "java.util.ArrayList",
                    "java.util.LinkedList",
                    "java.util.Vector",
                    "java.util.Stack",
                    "java.util.concurrent.CopyOnWriteArrayList":
                return Group.LISTS;
            case "java.util.HashSet",
                    "java.util.LinkedHashSet",
                    "java.util.concurrent.CopyOnWriteArraySet",
                    "java.util.TreeSet",
                    "java.util.concurrent.ConcurrentSkipListSet":
                return Group.SETS;
            case "java.util.ArrayDeque",
                    "java.util.concurrent.ConcurrentLinkedQueue",
                    "java.util.concurrent.ConcurrentLinkedDeque",
                    "java.util.concurrent.LinkedTransferQueue",
                    "java.util.PriorityQueue",
                    "java.util.concurrent.PriorityBlockingQueue",
                    "java.util.concurrent.ArrayBlockingQueue",
                    "java.util.concurrent.LinkedBlockingQueue",
                    "java.util.concurrent.LinkedBlockingDeque":
                return Group.QUEUES;
            case "java.util.HashMap",
                    "java.util.LinkedHashMap",
                    "java.util.Hashtable",
                    "java.util.Properties",
                    "java.util.IdentityHashMap",
                    "java.util.WeakHashMap",
                    "java.util.concurrent.ConcurrentHashMap",
                    "java.util.TreeMap",
                    "java.util.concurrent.ConcurrentSkipListMap":
                return Group.MAPS;
            case "java.util.KeyValueHolder":
                return Group.IMMUTABLE;
            case "java.util.EnumSet", "java.util.RegularEnumSet", "java.util.JumboEnumSet", "java.util.EnumMap":
                return Group.ENUMS;
            default:
                return otherGroupOf(type, name);
        }
    }

    private static Group otherGroupOf(Class<?> type, String name) {
        if (name.startsWith("java.time.")) {
            return Group.TIME;
        }
        // The default file system's class of paths depends on the platform (sun.nio.fs.UnixPath...).
        return Path.class.isAssignableFrom(type) ? Group.PATHS : null;
    }

    /**
     * Tells whether a group has been built.
     *
     * @param group the group
     * @return true once {@link #table} has built it
     */
    static boolean isBuilt(Group group) {
        return tables[group.ordinal()] != null;
    }

    /**
     * The handlers of a group, built at first need.
     *
     * @param group the group
     * @return its handlers by exact class
     * @throws CodecSetupException if it could not be built
     */
    static Map<Class<?>, TypeHandler> table(Group group) {
        Map<Class<?>, TypeHandler> table = tables[group.ordinal()];
        if (table == null) {
            synchronized (JdkHandlers.class) {
                table = tables[group.ordinal()];
                if (table == null) {
                    table = build(group);
                    Map<Class<?>, TypeHandler>[] built = tables.clone();
                    built[group.ordinal()] = table;
                    tables = built;
                }
            }
        }
        return table;
    }

    private static Map<Class<?>, TypeHandler> build(Group group) {
        Map<Class<?>, TypeHandler> table = new HashMap<>();
        try {
            switch (group) {
                case BASICS:
                    table.put(Object.class, OBJECT);
                    table.put(Class.class, ClassHandler.INSTANCE);
                    break;
                case VALUES:
                    JdkValues.addValues(table);
                    break;
                case PATHS:
                    JdkValues.addPaths(table);
                    break;
                case TIME:
                    JdkValues.addTime(table);
                    break;
                case LISTS:
                    JdkCollections.addLists(table);
                    break;
                case SETS:
                    JdkCollections.addSets(table);
                    break;
                case QUEUES:
                    JdkCollections.addQueues(table);
                    break;
                case MAPS:
                    JdkCollections.addMaps(table);
                    break;
                case IMMUTABLE:
                    JdkCollections.addImmutable(table);
                    break;
                case NESTED_IN_COLLECTIONS:
                    JdkCollections.addNestedInCollections(table);
                    break;
                case ENUMS:
                    JdkCollections.addEnums(table);
                    break;
                default:
                    throw new AssertionError(group);
            }
        } catch (RuntimeException | LinkageError | VirtualMachineError e) {
            throw new CodecSetupException(e);
        }
        return table;
    }
}
