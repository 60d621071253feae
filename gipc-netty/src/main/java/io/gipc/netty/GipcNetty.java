package io.gipc.netty;

import io.gipc.netty.internal.transport.EventLoops;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Configuration of gipc on Netty: which event loops drive gipc's channels and timers.
 *
 * <p>By default gipc creates, on first use, a shared group of daemon threads named {@code gipc-loop-N}
 * (as many as {@code min(4, cores)}, or the system property {@value EventLoops#THREADS_PROPERTY}). An event-loop
 * server can hand gipc its own group instead, so that pipe callbacks run on the server's loops:
 *
 * <pre>{@code
 * IoEventLoopGroup loops = GipcNetty.newEventLoopGroup(4);   // epoll on Linux, kqueue on macOS
 * GipcNetty.useEventLoopGroup(loops);                        // before creating pipes
 * new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class) ...
 * }</pre>
 *
 * <p>Futures of a handle are completed on the loop its channel is registered with; never block there.
 */
public final class GipcNetty {
    private GipcNetty() {}

    /**
     * Makes pipes created from now on use {@code group}; pipes created before keep their loops. gipc never shuts
     * a user's group down: keep it running as long as any pipe made on it is open.
     *
     * @param group a group of this OS's native transport (epoll on Linux, kqueue on macOS), or null to go back
     *              to gipc's default group
     * @throws IllegalArgumentException if the group cannot drive native domain-socket channels (a NIO group, say)
     * @throws io.gipc.GipcException if the native transport is unavailable on this platform
     */
    public static void useEventLoopGroup(EventLoopGroup group) {
        EventLoops.use(group);
    }

    /**
     * A new event loop group of the transport gipc uses on this OS (epoll on Linux, kqueue on macOS), the kind
     * {@link #useEventLoopGroup} accepts: a server creates its loops here, then shares them with gipc. Its
     * threads are Netty's default ones (not daemon). Pick the server's channel types to match, for example
     * {@code loops.isIoType(EpollIoHandler.class) ? EpollServerSocketChannel.class : KQueueServerSocketChannel.class}.
     *
     * @param threads the number of event loops, at least 1
     * @return a new group; shut it down when done (gipc never does)
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws io.gipc.GipcException if the native transport is unavailable on this platform
     */
    public static IoEventLoopGroup newEventLoopGroup(int threads) {
        return EventLoops.newUserGroup(threads, null);
    }

    /**
     * A new event loop group as {@link #newEventLoopGroup(int)}, whose threads come from a factory of yours (to
     * name them, or make them daemon threads).
     *
     * @param threads the number of event loops, at least 1
     * @param threadFactory makes the loops' threads
     * @return a new group; shut it down when done (gipc never does)
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws io.gipc.GipcException if the native transport is unavailable on this platform
     */
    public static IoEventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return EventLoops.newUserGroup(threads, Objects.requireNonNull(threadFactory, "threadFactory"));
    }

    /**
     * The group new pipes are registered with: the user's, or gipc's default group (created if needed).
     *
     * @return the group in use
     */
    public static EventLoopGroup eventLoopGroup() {
        return EventLoops.group();
    }
}
