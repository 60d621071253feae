package io.gipc.netty.internal.transport;

import io.gipc.GipcHandle;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open handles of this JVM, oldest first: {@code Gipc.openHandles()}. */
public final class HandleRegistry {
    private static final AtomicLong IDS = new AtomicLong();
    private static final ConcurrentSkipListMap<Long, GipcHandle> OPEN = new ConcurrentSkipListMap<>();

    private HandleRegistry() {
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    static void add(long id, GipcHandle handle) {
        OPEN.put(id, handle);
    }

    static void remove(long id) {
        OPEN.remove(id);
    }

    /**
     * A snapshot of the open handles.
     *
     * @return the handles, oldest first
     */
    public static List<GipcHandle> snapshot() {
        return List.copyOf(OPEN.values());
    }
}
