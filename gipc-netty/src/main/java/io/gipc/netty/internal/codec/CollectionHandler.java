package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.PriorityQueue;
import java.util.SortedSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.PriorityBlockingQueue;

/**
 * A mutable collection: created empty (with its comparator or capacity), bound, then its elements are added in
 * iteration order. Serves a public JDK class, a user subclass of one (whose own fields come first), and JDK
 * views (a map's key set, a sub-list) carried as the plain JDK class.
 */
final class CollectionHandler extends TypeHandler {
    /** What the constructor of a JDK collection class takes. */
    enum Style {
        /** No argument. */
        PLAIN,
        /** The comparator of a sorted set or priority queue. */
        COMPARATOR,
        /** The capacity of a bounded blocking queue. */
        CAPACITY
    }

    private final Style style;
    /** The public JDK class whose constructor is used. */
    private final Class<?> jdkClass;

    private final Class<?> wireClass;
    private final Instantiator instantiator;
    private final FieldLayout userFields;

    private CollectionHandler(
            Style style, Class<?> jdkClass, Class<?> wireClass, Instantiator instantiator, FieldLayout userFields) {
        this.style = style;
        this.jdkClass = jdkClass;
        this.wireClass = wireClass;
        this.instantiator = instantiator;
        this.userFields = userFields;
    }

    /**
     * The handler of a public JDK collection class.
     *
     * @param type the class, with a public constructor of that style
     * @param style what its constructor takes
     * @return the handler
     */
    static CollectionHandler jdk(Class<?> type, Style style) {
        return new CollectionHandler(
                style, type, null, Instantiator.calling(constructor(type, style)), FieldLayout.EMPTY);
    }

    /**
     * The handler of a user class extending the JDK class of this handler: the JDK class's constructor
     * initializes its state, then the user class's fields and the elements are set.
     *
     * @param type the user class
     * @param jdkClass the JDK class it extends
     * @return the handler
     */
    CollectionHandler forSubclass(Class<?> type, Class<?> jdkClass) {
        return new CollectionHandler(
                style, jdkClass, null, Instantiator.running(type, constructor(jdkClass, style)), FieldLayout.of(type));
    }

    /**
     * This handler, writing other collections (JDK views) as if they were of its class.
     *
     * @param jdkClass the class of this handler
     * @return the handler for views
     */
    CollectionHandler asWireClass(Class<?> jdkClass) {
        return new CollectionHandler(style, this.jdkClass, jdkClass, instantiator, userFields);
    }

    @Override
    Class<?> wireClass(Object value) {
        return wireClass != null ? wireClass : value.getClass();
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        Collection<?> collection = (Collection<?>) value;
        if (style == Style.COMPARATOR) {
            out.writeBeforeOwner(comparatorOf(collection), "comparator", collection);
        } else if (style == Style.CAPACITY) {
            BlockingQueue<?> queue = (BlockingQueue<?>) collection;
            out.writeInt((int) Math.min(Integer.MAX_VALUE, (long) queue.size() + queue.remainingCapacity()));
        }
        userFields.write(out, collection);
        int index = 0;
        for (Object element : collection) {
            out.writeElement(element, index++, collection);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        Collection<Object> collection;
        if (style == Style.COMPARATOR) {
            Object comparator = in.readValue();
            // PriorityBlockingQueue takes an initial capacity with its comparator.
            collection = (Collection<Object>)
                    (instantiator.parameterCount() == 1
                            ? instantiator.newInstance(comparator)
                            : instantiator.newInstance(11, comparator));
        } else if (style == Style.CAPACITY) {
            int capacity = Math.max(1, in.readInt());
            if (jdkClass == ArrayBlockingQueue.class) {
                in.claim(capacity, jdkClass, true); // it allocates its capacity at once
            }
            collection = (Collection<Object>) instantiator.newInstance(capacity);
        } else {
            collection = (Collection<Object>) instantiator.newInstance();
        }
        in.bind(slot, collection);
        userFields.read(in, collection);
        readElements(in, collection);
        return collection;
    }

    /**
     * Reads elements up to the end of the group into a collection, paying for the hashing or comparing that
     * adding them costs. A copy-on-write collection copies its array at each add; it gets all of them at once.
     *
     * @param in the message
     * @param collection where to add them
     * @throws IOException when an element is corrupt, or the message cannot pay for adding it
     */
    static void readElements(ValueReader in, Collection<Object> collection) throws IOException {
        boolean copyOnWrite = collection instanceof CopyOnWriteArrayList || collection instanceof CopyOnWriteArraySet;
        Collection<Object> target = copyOnWrite ? new ArrayList<>() : collection;
        int insertKind = DecodeBudget.insertKind(collection);
        int size = 0;
        for (int kind; (kind = in.next()) != 0; size++) {
            Object element = in.readValue(kind);
            if (in.valueCyclic() && insertKind != DecodeBudget.FREE) {
                throw in.cycleThroughHashing(collection.getClass());
            }
            in.beforeInsert(collection, insertKind, in.valueCost(), size);
            target.add(element);
        }
        if (copyOnWrite) {
            collection.addAll(target);
        }
    }

    private static Object comparatorOf(Collection<?> collection) {
        if (collection instanceof SortedSet) {
            return ((SortedSet<?>) collection).comparator();
        }
        if (collection instanceof PriorityQueue) {
            return ((PriorityQueue<?>) collection).comparator();
        }
        if (collection instanceof PriorityBlockingQueue) {
            return ((PriorityBlockingQueue<?>) collection).comparator();
        }
        return null;
    }

    private static Constructor<?> constructor(Class<?> type, Style style) {
        try {
            switch (style) {
                case COMPARATOR:
                    try {
                        return type.getConstructor(java.util.Comparator.class);
                    } catch (NoSuchMethodException e) {
                        return type.getConstructor(int.class, java.util.Comparator.class);
                    }
                case CAPACITY:
                    return type.getConstructor(int.class);
                default:
                    return type.getConstructor();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no " + style + " constructor", e);
        }
    }
}
