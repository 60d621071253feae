package io.gipc.netty.internal.codec;

import java.util.List;

/**
 * Round-trips the whole type matrix and exits 0 printing nothing, or prints what failed to stderr and exits 1.
 * {@link DefaultCodecForkedJvmTest} runs it in a JVM started without any flag.
 */
public final class MatrixMain {
    private MatrixMain() {}

    /**
     * Runs the matrix.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<String> failures = Samples.failures();
        if (!failures.isEmpty()) {
            failures.forEach(System.err::println);
            System.exit(1);
        }
    }
}
