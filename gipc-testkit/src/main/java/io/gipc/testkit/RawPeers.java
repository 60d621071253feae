package io.gipc.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The {@link RawPeer}s of this JVM that are open, so that the leak check can name and close those left open. */
final class RawPeers {
    private static final Set<RawPeer<?>> OPEN =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private RawPeers() {}

    static void add(RawPeer<?> peer) {
        OPEN.add(peer);
    }

    static void remove(RawPeer<?> peer) {
        OPEN.remove(peer);
    }

    /**
     * The open raw peers now.
     *
     * @return a snapshot
     */
    static List<RawPeer<?>> open() {
        synchronized (OPEN) {
            return new ArrayList<>(OPEN);
        }
    }
}
