package io.gipc.netty;

import io.gipc.netty.internal.transport.EventLoops;
import io.netty.channel.EventLoopGroup;

/**
 * Configuration of gipc on Netty: which event loops drive gipc's channels and timers.
 *
 * <p>By default gipc creates, on first use, a shared group of daemon threads named {@code gipc-loop-N}
 * (as many as {@code min(4, cores)}, or the system property {@value EventLoops#THREADS_PROPERTY}). An event-loop
 * server can hand gipc its own group instead, so that pipe callbacks run on the server's loops:
 *
 * <pre>{@code
 * EventLoopGroup loops = new MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory());
 * GipcNetty.useEventLoopGroup(loops);      // before creating pipes
 * }</pre>
 *
 * <p>Futures of a handle are completed on the loop its channel is registered with; never block there.
 */
public final class GipcNetty {
    private GipcNetty() {
    }

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
     * The group new pipes are registered with: the user's, or gipc's default group (created if needed).
     *
     * @return the group in use
     */
    public static EventLoopGroup eventLoopGroup() {
        return EventLoops.group();
    }
}
