package io.gipc.netty.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loops that drive gipc's channels: a user's group when one was given, else a shared default group
 * of daemon threads created on first use and never shut down (it lives as long as the JVM, like a JDK pool).
 */
public final class EventLoops {
    /** System property: the number of threads of the default group. */
    public static final String THREADS_PROPERTY = "io.gipc.eventLoopThreads";

    /** How often each default loop wakes once the JVM exits; see {@link #wakeRepeatedly}. */
    private static final long EXIT_TICK_MILLIS = 5;

    private static final Object LOCK = new Object();
    /**
     * The user groups given that have not terminated (pipes made on a group keep it after another is set), to
     * recognise their threads as loop threads. A group leaves once it has terminated, so this never grows beyond
     * the groups alive.
     */
    private static final Set<EventExecutorGroup> USER_GROUPS = ConcurrentHashMap.newKeySet();

    private static volatile EventLoopGroup userGroup;
    private static volatile IoEventLoopGroup defaultGroup;

    private EventLoops() {}

    /**
     * The group new channels and timers go to.
     *
     * @return the user's group if one was set, else the default group
     */
    public static EventLoopGroup group() {
        EventLoopGroup g = userGroup;
        return g != null ? g : defaultGroup();
    }

    /**
     * The loops that watch child processes and their lifelines: always gipc's default group, never a user's. A
     * user may shut their group down while children still run; the children must still be reaped and their
     * descriptors closed.
     *
     * @return the default group
     */
    public static EventLoopGroup processGroup() {
        return defaultGroup();
    }

    /**
     * Makes new channels use a group of the user's; null goes back to the default group. gipc never shuts a
     * user's group down.
     *
     * @param group a group whose loops drive this OS's native domain-socket channels, or null
     * @throws IllegalArgumentException if the group cannot drive them (a NIO group, say)
     */
    public static void use(EventLoopGroup group) {
        if (group != null) {
            NativeTransport transport = NativeTransport.current();
            Class<? extends Channel> type = transport.domainChannelType();
            if (!(group instanceof IoEventLoopGroup)
                    || !((IoEventLoopGroup) group).isCompatible(transport.ioHandleType())) {
                throw new IllegalArgumentException("gipc needs an event loop group driving " + type.getSimpleName()
                        + " (for example new MultiThreadIoEventLoopGroup(n, "
                        + (NativeTransport.current() == NativeTransport.EPOLL ? "EpollIoHandler" : "KQueueIoHandler")
                        + ".newFactory())); got " + group.getClass().getName());
            }
            if (USER_GROUPS.add(group)) {
                group.terminationFuture().addListener(f -> USER_GROUPS.remove(group));
            }
        }
        userGroup = group;
    }

    /**
     * A new group of this OS's native transport, for a user to share with gipc; {@code GipcNetty.newEventLoopGroup}.
     *
     * @param threads the number of loops, at least 1
     * @param threadFactory makes the loops' threads, or null for Netty's default
     * @return the group; the caller shuts it down
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static IoEventLoopGroup newUserGroup(int threads, ThreadFactory threadFactory) {
        if (threads < 1) {
            throw new IllegalArgumentException("an event loop group needs at least 1 thread, got " + threads);
        }
        IoHandlerFactory handlers = NativeTransport.current().newIoHandlerFactory();
        return threadFactory == null
                ? new MultiThreadIoEventLoopGroup(threads, handlers)
                : new MultiThreadIoEventLoopGroup(threads, threadFactory, handlers);
    }

    /**
     * Tells whether the calling thread is one of gipc's event-loop threads (the default group's or a user
     * group's), where blocking on a pending gipc future would deadlock. Called on every blocking wait, so it
     * costs the same however many groups there are: a type check, then the loop the thread runs (Netty records
     * it per thread) and one lookup of its group.
     *
     * @return true on a loop thread
     */
    public static boolean inGipcLoop() {
        if (Thread.currentThread() instanceof LoopThread) {
            return true;
        }
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        return loop != null && USER_GROUPS.contains(loop.parent());
    }

    /**
     * Tells whether a user's group is still known as one of gipc's; it stops being once it has terminated.
     *
     * @param group a group
     * @return true if {@link #inGipcLoop()} recognises its threads
     */
    static boolean isKnownUserGroup(EventLoopGroup group) {
        return USER_GROUPS.contains(group);
    }

    /**
     * Registers a configured channel: on the calling loop if the caller is a loop of the group (so the
     * registration completes at once without blocking that loop), else on the next loop, waiting for it.
     *
     * @param channel the channel, its pipeline and options set
     * @return the registration's future, done unless the caller is a loop of another group
     */
    static ChannelFuture register(Channel channel) {
        EventLoopGroup g = group();
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        if (current != null && current.parent() == g) {
            return ((EventLoop) current).register(channel);
        }
        ChannelFuture f = g.next().register(channel);
        if (!inGipcLoop()) {
            f.awaitUninterruptibly();
        }
        return f;
    }

    /**
     * Stops gipc's default group, if it was created, and waits a moment for its threads to end. For a JVM that
     * is about to exit (a child's launcher): no gipc operation may follow. A user's group is left alone.
     */
    public static void shutdownDefaultGroup() {
        IoEventLoopGroup g;
        synchronized (LOCK) {
            g = defaultGroup;
        }
        if (g != null) {
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    private static IoEventLoopGroup defaultGroup() {
        IoEventLoopGroup g = defaultGroup;
        if (g == null) {
            synchronized (LOCK) {
                g = defaultGroup;
                if (g == null) {
                    NativeTransport transport = NativeTransport.current();
                    g = new MultiThreadIoEventLoopGroup(
                            defaultThreads(), new LoopThreadFactory(), transport.newIoHandlerFactory());
                    defaultGroup = g;
                    IoEventLoopGroup group = g;
                    Runtime.getRuntime()
                            .addShutdownHook(new Thread(() -> wakeRepeatedly(group, () -> {}), "gipc-loops-at-exit"));
                }
            }
        }
        return g;
    }

    /**
     * Has every loop of a group run {@code tick} every {@value #EXIT_TICK_MILLIS} ms from now on. Run when the JVM
     * starts to exit: HotSpot's last step waits up to 300 ms for threads that are in native code, and an idle loop
     * sits in epoll_wait (kevent) until its next task. Woken this often, each loop leaves native code within a tick
     * of that step and is held there; until then the loops keep serving any shutdown hook that still uses gipc.
     *
     * @param group the loops
     * @param tick what each loop runs every tick
     * @return the scheduled ticks (a shut-down group has none)
     */
    static List<ScheduledFuture<?>> wakeRepeatedly(EventLoopGroup group, Runnable tick) {
        List<ScheduledFuture<?>> ticks = new ArrayList<>();
        for (EventExecutor loop : group) {
            try {
                ticks.add(loop.scheduleAtFixedRate(tick, 0, EXIT_TICK_MILLIS, TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException e) {
                // The group was shut down (a child's launcher does that before it exits): its threads are ending.
            }
        }
        return ticks;
    }

    private static int defaultThreads() {
        int fallback = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        String configured = System.getProperty(THREADS_PROPERTY);
        if (configured == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(configured.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + THREADS_PROPERTY
                    + " must be a positive number of threads, got '" + configured + "'");
        }
    }

    /** Marks the default group's threads so {@link #inGipcLoop()} recognises them cheaply. */
    private static final class LoopThread extends FastThreadLocalThread {
        LoopThread(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }

    private static final class LoopThreadFactory implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            return new LoopThread(r, "gipc-loop-" + count.incrementAndGet());
        }
    }
}
