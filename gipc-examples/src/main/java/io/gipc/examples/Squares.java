package io.gipc.examples;

import io.gipc.GipcDuplex;

/**
 * A worker for a child process: answers each number it gets with its square, until it gets something else.
 * The example that docs/testing.md tests with the gipc test kit ({@code SquaresTest}).
 */
public final class Squares {
    private Squares() {}

    /**
     * Runs in the child: reads numbers from {@code parent}, answers each with its square, and returns at the
     * first message that is not a {@code Long}. It may block: a child has no event loop to protect.
     *
     * @param parent the child's end of a duplex pipe
     * @throws Exception if the pipe fails (a corrupt or interrupted message, say); the child then exits 1
     */
    public static void serve(GipcDuplex<Object> parent) throws Exception {
        for (Object n; (n = parent.get().join()) instanceof Long; ) {
            parent.put((Long) n * (Long) n).join();
        }
    }
}
