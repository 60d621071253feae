package io.gipc.netty.internal.transport;

import io.gipc.GipcHandle;
import io.gipc.netty.internal.posix.ScmRights;
import java.util.List;

/**
 * One complete message a reader received: its payload and, for a message carrying handles, the descriptors that
 * came with it (owned by the reader until delivered or closed). A message whose handles were already rebuilt but
 * whose get was cancelled at that moment comes back as {@link #decoded}, for the next get.
 */
final class Frame {
    final byte[] payload;
    /** The descriptors received with it, or null for a message without handles. */
    final int[] fds;
    /** Why its descriptors cannot be delivered (lost to the descriptor limit, missing), or null. */
    final String descriptorProblem;
    /** The message already decoded, with its live handles, or null. */
    final Object decoded;

    final List<GipcHandle> handles;

    private Frame(byte[] payload, int[] fds, String descriptorProblem, Object decoded, List<GipcHandle> handles) {
        this.payload = payload;
        this.fds = fds;
        this.descriptorProblem = descriptorProblem;
        this.decoded = decoded;
        this.handles = handles;
    }

    static Frame plain(byte[] payload) {
        return new Frame(payload, null, null, null, List.of());
    }

    static Frame withDescriptors(byte[] payload, int[] fds, String descriptorProblem) {
        return new Frame(payload, fds, descriptorProblem, null, List.of());
    }

    static Frame decoded(Object message, List<GipcHandle> handles) {
        return new Frame(null, null, null, message, handles);
    }

    boolean carriesHandles() {
        return fds != null || !handles.isEmpty();
    }

    /** @return how many descriptors this frame holds in this process */
    int descriptorCount() {
        return fds != null ? fds.length : handles.size();
    }

    /** The message will never be delivered: its descriptors, or rebuilt handles, are closed. */
    void closeDescriptors() {
        ScmRights.closeAll(fds);
        for (GipcHandle h : handles) {
            Frame.closeQuietly(h);
        }
    }

    /** Closes a handle rebuilt for a message nobody will get (it is idle: no one else has it). */
    static void closeQuietly(GipcHandle handle) {
        try {
            handle.close();
        } catch (RuntimeException alreadyClosed) {
            // closed already: nothing to do
        }
    }
}
