package io.gipc.testkit;

import io.gipc.GipcHandle;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What was open before a test (or a test class) began: gipc handles, raw peers, child processes and
 * descriptors. What is open after it and not here is the test's.
 *
 * @param handles the open handles
 * @param rawPeers the open raw peers
 * @param children the pids of the live children
 * @param descriptors the open descriptors, number to target
 */
record Baseline(
        Set<GipcHandle> handles, Set<RawPeer<?>> rawPeers, Set<Long> children, Map<Integer, String> descriptors) {

    /**
     * Looks at everything now.
     *
     * @return the baseline
     */
    static Baseline take() {
        return new Baseline(
                identitySet(GipcAccess.openHandles()),
                identitySet(RawPeers.open()),
                Children.pids(),
                OpenDescriptors.now());
    }

    /**
     * The handles open now that were not open at the baseline.
     *
     * @return the new handles, oldest first
     */
    List<GipcHandle> newHandles() {
        return GipcAccess.openHandles().stream()
                .filter(h -> !handles.contains(h))
                .collect(Collectors.toList());
    }

    /**
     * The raw peers open now that were not open at the baseline.
     *
     * @return the new raw peers
     */
    List<RawPeer<?>> newRawPeers() {
        return RawPeers.open().stream().filter(p -> !rawPeers.contains(p)).collect(Collectors.toList());
    }

    /**
     * The live children now that were not alive at the baseline.
     *
     * @return the new children
     */
    List<ProcessHandle> newChildren() {
        return Children.newSince(children);
    }

    private static <T> Set<T> identitySet(List<T> items) {
        Set<T> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(items);
        return Collections.unmodifiableSet(set);
    }
}
