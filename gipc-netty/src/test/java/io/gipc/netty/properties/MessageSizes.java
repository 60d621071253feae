package io.gipc.netty.properties;

import java.util.Random;

/**
 * Draws message sizes: empty and tiny messages (too short for a header), small ones, large ones, and sizes a few
 * bytes either side of the buffer sizes a message crosses on its way (the reader's reads, the kernel's socket
 * buffer), where off-by-one mistakes in framing would show.
 */
final class MessageSizes {
    /** gipc's frame header: a 4-byte length before each payload. */
    static final int FRAME_HEADER = 4;
    /** The most a reader takes from the OS in one read for a pending get (the transport's DemandRecvAllocator). */
    static final int LARGEST_READ = 1 << 20;
    /** The most a reader takes per read when the peer hung up and no get is pending (DemandRecvAllocator's drain,
     * which also stops at each frame boundary). */
    static final int DRAIN_READ = 64 << 10;
    /** Linux's default socket buffer (net.core.wmem_default): how far a writer gets ahead of its reader. */
    static final int SOCKET_BUFFER = 212_992;
    /** The largest of the plain large sizes: "a few hundred KB". */
    static final int LARGE = 400_000;

    private static final int[] BOUNDARIES = {DRAIN_READ, 2 * DRAIN_READ, SOCKET_BUFFER};

    private MessageSizes() {}

    /**
     * A size from 0 bytes to a few hundred KB, now and then about {@link #LARGEST_READ}.
     *
     * @param random the program's random source
     * @return a size in bytes
     */
    static int draw(Random random) {
        int p = random.nextInt(100);
        if (p < 20) {
            return random.nextInt(Payloads.HEADER_BYTES); // 0 to 7: no room for a number and a checksum
        }
        if (p < 50) {
            return small(random);
        }
        if (p < 70) {
            return aroundBoundary(random, BOUNDARIES[random.nextInt(BOUNDARIES.length)]);
        }
        if (p < 95) {
            return 4096 + random.nextInt(LARGE - 4096);
        }
        return aroundBoundary(random, LARGEST_READ);
    }

    /**
     * A size of at most 4 KiB, for when a program has sent enough bytes.
     *
     * @param random the program's random source
     * @return a size in bytes
     */
    static int small(Random random) {
        return Payloads.HEADER_BYTES + random.nextInt(4096 - Payloads.HEADER_BYTES);
    }

    /** A few bytes either side of a buffer size, counting the payload alone or the whole frame. */
    private static int aroundBoundary(Random random, int boundary) {
        int frame = random.nextBoolean() ? FRAME_HEADER : 0;
        return boundary - frame + random.nextInt(17) - 8;
    }
}
