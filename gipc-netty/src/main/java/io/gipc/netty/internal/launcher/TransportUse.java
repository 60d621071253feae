package io.gipc.netty.internal.launcher;

/**
 * Whether this JVM has used gipc's transport (and so Netty): set when a handle is adopted or gipc's provider is
 * made. A child's launcher must wait for a target's puts and stop gipc's event loops before it exits, but a child
 * that never used them must not load the transport only to find nothing to do.
 */
public final class TransportUse {
    private static volatile boolean used;

    private TransportUse() {}

    /** Records that this JVM uses gipc's transport. */
    public static void mark() {
        used = true;
    }

    /** @return whether {@link #mark()} was called */
    static boolean inThisJvm() {
        return used;
    }
}
