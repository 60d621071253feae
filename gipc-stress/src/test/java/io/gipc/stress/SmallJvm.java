package io.gipc.stress;

import java.util.Arrays;
import java.util.stream.Stream;

/** JVM options for the children these tests start. */
final class SmallJvm {
    /**
     * A child here runs one small target, so it is given a small JVM. Left to its defaults, a JVM sizes itself for
     * the machine: a heap that may grow to a quarter of its memory, G1 and the C2 compiler with their threads and
     * their memory. A hundred such children at once ({@link HundredChildrenTest}) would ask for more memory than a
     * CI runner has. With these options one child uses a few tens of megabytes (docs/testing.md has the figure):
     * a 32 MiB heap, the serial collector, the C1 compiler only (which also starts faster), 256 KiB thread stacks,
     * and Netty's unpooled allocator instead of arenas sized for a server.
     */
    static final String[] OPTIONS = {
        "-Xmx32m",
        "-Xmn4m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Xss256k",
        "-Dio.netty.allocator.type=unpooled"
    };

    private SmallJvm() {}

    /** {@link #OPTIONS} followed by more (a later option wins over an earlier one of the same name). */
    static String[] with(String... more) {
        return Stream.concat(Arrays.stream(OPTIONS), Arrays.stream(more)).toArray(String[]::new);
    }
}
