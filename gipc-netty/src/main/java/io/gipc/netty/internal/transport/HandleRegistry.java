package io.gipc.netty.internal.transport;

import io.gipc.GipcException;
import io.gipc.GipcHandle;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open handles of this JVM, oldest first: {@code Gipc.openHandles()}. */
public final class HandleRegistry {
    private static final AtomicLong IDS = new AtomicLong();
    private static final ConcurrentSkipListMap<Long, GipcHandle> OPEN = new ConcurrentSkipListMap<>();

    private HandleRegistry() {}

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
     * Closes a handle of gipc-netty even while operations are pending on it; {@code GipcProvider.forceClose}.
     *
     * @param handle the handle
     * @param reason why, for the failures of its pending operations
     * @return true if this call closed it
     * @throws GipcException if it is not a handle of gipc-netty
     */
    public static boolean forceClose(GipcHandle handle, String reason) {
        if (!(handle instanceof AbstractHandle)) {
            throw new GipcException("cannot close " + handle + " by force: it is a "
                    + (handle == null ? "null" : handle.getClass().getName()) + ", not a handle made by gipc-netty");
        }
        return ((AbstractHandle<?>) handle).forceClose(reason);
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
