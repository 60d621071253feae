package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wake-ups the default group gets once the JVM exits (so that HotSpot's last step does not wait 300 ms for
 * loop threads idling in epoll_wait): every loop runs the tick, again and again, and a shut-down group is left be.
 */
class WakeAtExitTest {
    private final IoEventLoopGroup group =
            new MultiThreadIoEventLoopGroup(2, NativeTransport.current().newIoHandlerFactory());

    @AfterEach
    void shutDown() {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    @Test
    void everyLoopRunsTheTickRepeatedly() throws Exception {
        Map<Thread, AtomicInteger> ticksPerThread = new ConcurrentHashMap<>();
        CountDownLatch enough = new CountDownLatch(2 * 5);
        List<ScheduledFuture<?>> ticks = EventLoops.wakeRepeatedly(group, () -> {
            ticksPerThread
                    .computeIfAbsent(Thread.currentThread(), t -> new AtomicInteger())
                    .incrementAndGet();
            enough.countDown();
        });
        try {
            assertEquals(2, ticks.size());
            assertTrue(enough.await(30, TimeUnit.SECONDS), "ticks so far: " + ticksPerThread);
            // Both loops, not one loop twice: wait until each has ticked more than once.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(ticksPerThread.size() == 2
                            && ticksPerThread.values().stream().allMatch(n -> n.get() > 1))
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(2, ticksPerThread.size(), "ticks per loop thread: " + ticksPerThread);
            assertTrue(ticksPerThread.values().stream().allMatch(n -> n.get() > 1), "ticks: " + ticksPerThread);
            Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();
            for (EventExecutor loop : group) {
                loop.submit(() -> loopThreads.add(Thread.currentThread())).get(10, TimeUnit.SECONDS);
            }
            assertEquals(loopThreads, ticksPerThread.keySet());
        } finally {
            ticks.forEach(t -> t.cancel(false));
        }
    }

    @Test
    void aGroupThatWasShutDownGetsNoTicks() {
        shutDown();
        assertTrue(EventLoops.wakeRepeatedly(group, () -> {}).isEmpty());
    }
}
