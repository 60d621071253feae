package io.gipc.netty.internal.codec;

import io.gipc.GipcHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handles met while {@link DefaultCodec#encode(Object, HandleSink)} writes values. Where a value holds a
 * handle, the message holds its slot number instead, and the reading side gets a handle back for that number
 * ({@link DefaultCodec#decode(byte[], java.util.function.IntFunction)}). This is how {@code Gipc.startProcess}
 * and a default-codec pipe's writer transfer handles; the descriptors go beside the bytes.
 *
 * <p>Slots count from 0 in the order handles are first met; a handle met again, in the same value or in another
 * one encoded with the same sink, keeps its slot. Not thread-safe.
 */
public final class HandleSink {
    // Made on the first handle: every default-codec put has a sink, and most values hold no handle.
    private Map<GipcHandle, Integer> slots;
    private List<GipcHandle> handles = List.of();

    /** An empty sink. */
    public HandleSink() {}

    /**
     * The slot of a handle, given to it the first time it is met.
     *
     * @param handle a handle found in a value being written
     * @return its slot
     */
    int slotOf(GipcHandle handle) {
        if (slots == null) {
            slots = new IdentityHashMap<>();
            handles = new ArrayList<>();
        }
        return slots.computeIfAbsent(handle, h -> {
            handles.add(h);
            return handles.size() - 1;
        });
    }

    /** @return the handles met so far, in slot order (read-only) */
    public List<GipcHandle> handles() {
        return Collections.unmodifiableList(handles);
    }
}
