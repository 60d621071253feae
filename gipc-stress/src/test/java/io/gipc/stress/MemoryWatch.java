package io.gipc.stress;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much more memory this JVM holds than when the watch began, sampled: the heap in use after a full
 * collection (what is still referenced, not garbage waiting to be collected), and direct memory as each of its
 * three counters sees it, since Netty may take it by any of three routes.
 */
final class MemoryWatch {
    private final long heapAtStart = heapAfterGc();
    private final long allocatorDirectAtStart = allocatorDirect();
    private final long nettyDirectAtStart = nettyDirect();
    private final long jdkDirectAtStart = jdkDirect();
    private long heapGrowth;
    private long allocatorDirectGrowth;
    private long nettyDirectGrowth;
    private long jdkDirectGrowth;
    private int samples;

    /** Takes one sample (with a full collection: a few tens of milliseconds). */
    void sample() {
        heapGrowth = Math.max(heapGrowth, heapAfterGc() - heapAtStart);
        allocatorDirectGrowth = Math.max(allocatorDirectGrowth, allocatorDirect() - allocatorDirectAtStart);
        nettyDirectGrowth = Math.max(nettyDirectGrowth, nettyDirect() - nettyDirectAtStart);
        jdkDirectGrowth = Math.max(jdkDirectGrowth, jdkDirect() - jdkDirectAtStart);
        samples++;
    }

    /** The largest growth of any of the four, over the samples taken. */
    long maxGrowth() {
        return Math.max(Math.max(heapGrowth, allocatorDirectGrowth), Math.max(nettyDirectGrowth, jdkDirectGrowth));
    }

    int samples() {
        return samples;
    }

    @Override
    public String toString() {
        return String.format(
                "largest growth over %d samples: heap after GC %.1f MiB, direct memory: Netty's"
                        + " allocator %.1f MiB, Netty's counter %.1f MiB, the JDK's buffer pool %.1f MiB",
                samples, mib(heapGrowth), mib(allocatorDirectGrowth), mib(nettyDirectGrowth), mib(jdkDirectGrowth));
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** What Netty's default allocator, which gipc's channels use, has taken from direct memory. */
    private static long allocatorDirect() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
                ? provider.metric().usedDirectMemory()
                : 0;
    }

    /** Netty's count of the direct memory it allocated without the JDK's buffers (0 where it does not count). */
    private static long nettyDirect() {
        return Math.max(0, PlatformDependent.usedDirectMemory());
    }

    /** Direct memory taken through the JDK's {@code ByteBuffer.allocateDirect}. */
    private static long jdkDirect() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }
}
