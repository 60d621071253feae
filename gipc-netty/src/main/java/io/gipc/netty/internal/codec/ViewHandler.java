package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A {@code Collections.unmodifiable*} or {@code Collections.synchronized*} view. Its backing collection is not
 * reachable without deep reflection, so the view is rebuilt around a new backing collection of the same kind
 * holding the same elements; the view is bound before the elements are read, so cycles through it resolve.
 */
final class ViewHandler extends TypeHandler {
    private final Function<Comparator<?>, Object> newBacking;
    private final UnaryOperator<Object> wrap;
    private final boolean sorted;
    private final boolean lockWhileReading;

    /**
     * A handler for one view class.
     *
     * @param newBacking creates an empty backing collection or map, given the view's comparator (null if none)
     * @param wrap wraps it in the view
     * @param sorted whether the view is a sorted set or map, whose comparator is carried
     * @param lockWhileReading whether to hold the view's lock while iterating (synchronized views)
     */
    ViewHandler(
            Function<Comparator<?>, Object> newBacking,
            UnaryOperator<Object> wrap,
            boolean sorted,
            boolean lockWhileReading) {
        this.newBacking = newBacking;
        this.wrap = wrap;
        this.sorted = sorted;
        this.lockWhileReading = lockWhileReading;
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        if (sorted) {
            Comparator<?> comparator = value instanceof SortedMap
                    ? ((SortedMap<?, ?>) value).comparator()
                    : ((SortedSet<?>) value).comparator();
            out.writeBeforeOwner(comparator, "comparator", value);
        }
        if (lockWhileReading) {
            // A synchronized view locks on itself; iterating one requires holding that lock.
            synchronized (value) {
                writeContents(out, value);
            }
        } else {
            writeContents(out, value);
        }
    }

    private static void writeContents(ValueWriter out, Object value) throws IOException {
        if (value instanceof Map) {
            MapHandler.writeEntries(out, (Map<?, ?>) value);
            return;
        }
        int index = 0;
        for (Object element : (Collection<?>) value) {
            out.writeElement(element, index++, value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        Comparator<?> comparator = sorted ? (Comparator<?>) in.readValue() : null;
        Object backing = newBacking.apply(comparator);
        Object view = wrap.apply(backing);
        in.bind(slot, view);
        if (backing instanceof Map) {
            MapHandler.readEntries(in, (Map<Object, Object>) backing);
        } else {
            CollectionHandler.readElements(in, (Collection<Object>) backing);
        }
        return view;
    }
}
