package io.gipc.netty.internal.launcher;

import io.gipc.GipcDuplex;
import io.gipc.GipcTarget1;

/**
 * The target a spare child is started with: the launcher recognizes it, says it is ready on its control pipe
 * and waits there for a {@link SpareOrder}, which holds the child's real target. Never run as a target.
 */
public final class SpareTarget implements GipcTarget1<GipcDuplex<Object>> {
    /** The word a spare puts on its control pipe once it is ready for its order. */
    public static final String READY = "ready";

    /** The target of every spare. */
    public SpareTarget() {}

    @Override
    public void run(GipcDuplex<Object> control) {
        throw new IllegalStateException("a spare child's launcher waits for its order; it never runs this");
    }
}
