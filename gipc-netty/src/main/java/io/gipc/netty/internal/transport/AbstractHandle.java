package io.gipc.netty.internal.transport;

import io.gipc.GipcClosedException;
import io.gipc.GipcHandle;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every handle has: a channel over one socketpair end, its lifecycle, and the reading and/or writing
 * side it uses. The public handle types only choose which of {@code get}/{@code put} they expose.
 *
 * @param <T> the message type
 */
abstract class AbstractHandle<T> implements GipcHandle {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractHandle.class);
    /** How long {@link #forceClose(String)} waits for the event loop to close the descriptor. */
    private static final long FORCE_CLOSE_WAIT_MILLIS = 5_000;
    /**
     * How long {@link #close()} waits for pending puts to settle (their last byte may already be with the peer);
     * a put still pending after that is waiting for room in the socket, and the handle is locked.
     */
    private static final long SETTLING_PUT_WAIT_NANOS = 20_000_000;

    private final long id;
    private final String name;
    final HandleState state;
    private final Inbound<T> inbound;
    private final Outbound<T> outbound;
    private final HandleDescriptor descriptor;
    private Channel channel;

    AbstractHandle(
            long id,
            String name,
            HandleState state,
            Inbound<T> inbound,
            Outbound<T> outbound,
            HandleDescriptor descriptor) {
        this.id = id;
        this.name = name;
        this.state = state;
        this.inbound = inbound;
        this.outbound = outbound;
        this.descriptor = descriptor;
    }

    void attach(Channel channel) {
        this.channel = channel;
        if (inbound != null) {
            inbound.attach(channel);
        }
        if (outbound != null) {
            outbound.attach(channel, this);
        }
        HandleRegistry.add(id, this);
    }

    /** @return e.g. {@code GipcReader#3 (fd 17)}, used in every message about this handle */
    String name() {
        return name;
    }

    Channel channel() {
        return channel;
    }

    HandleDescriptor descriptor() {
        return descriptor;
    }

    Inbound<T> inbound() {
        return inbound;
    }

    int fd() {
        return ((UnixChannel) channel).fd().intValue();
    }

    LoopFuture<T> doGet(Duration timeout) {
        state.beginOperation(HandleState.Op.GET);
        return inbound.get(timeout);
    }

    LoopFuture<Void> doPut(T message) {
        return outbound.put(message);
    }

    static Duration requireTimeout(Duration timeout) {
        return Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void close() {
        // Off the loops, a put that wrote its last byte and is about to settle does not lock the handle.
        state.markClosed(settlingPutWaitNanos());
        closeChannel();
    }

    /** @return a future that completes when the puts this handle has queued so far have settled, or null */
    CompletableFuture<Void> queuedPutsSettled() {
        return outbound == null ? null : outbound.queuedPutsSettled();
    }

    /** Off the loops, gives puts whose bytes are written a moment to settle (see {@link #close()}). */
    void awaitSettlingPuts() {
        state.awaitSettlingPuts(settlingPutWaitNanos());
    }

    private static long settlingPutWaitNanos() {
        return EventLoops.inGipcLoop() ? 0 : SETTLING_PUT_WAIT_NANOS;
    }

    /**
     * Closes the descriptor and forgets the handle; waits for it unless on a loop thread (never blocks one), and
     * at most {@link #FORCE_CLOSE_WAIT_MILLIS}: a loop stuck in user code closes it when it gets free.
     */
    void closeChannel() {
        HandleRegistry.remove(id);
        ChannelFuture closed = channel.close();
        if (!EventLoops.inGipcLoop()) {
            if (!closed.awaitUninterruptibly(FORCE_CLOSE_WAIT_MILLIS)) {
                LOG.debug(
                        "{} is closed, but its event loop has been busy for {} ms: its descriptor is closed when "
                                + "the loop gets free",
                        name,
                        FORCE_CLOSE_WAIT_MILLIS);
            } else if (closed.cause() instanceof RejectedExecutionException) {
                closeOnADeadLoop();
            }
        }
    }

    /**
     * The channel's loop was shut down (a user's group, shut down while gipc handles were open on it): it runs no
     * more tasks, so Netty cannot close the channel, and the descriptor is closed here instead of leaking.
     */
    private void closeOnADeadLoop() {
        if (inbound != null) {
            inbound.closeHeldDescriptors(); // no loop thread touches the reader any more
        }
        try {
            ((UnixChannel) channel).fd().close();
        } catch (IOException e) {
            LOG.debug("closing {} after its event loop was shut down failed", name, e);
        }
    }

    @Override
    public boolean isClosed() {
        return state.isClosed();
    }

    @Override
    public boolean isLocked() {
        return state.isLocked();
    }

    /**
     * Closes the handle even while operations are pending: they fail with a {@link GipcClosedException} giving
     * the reason, then the descriptor is closed. Waits a bounded time for the event loop, which may be stuck.
     *
     * @param reason why, for the failures
     * @return true if this call closed the handle
     */
    boolean forceClose(String reason) {
        if (!state.markForceClosed()) {
            return false;
        }
        if (state.isTransferring()) {
            // Reserved for a transfer: nothing is pending on it, and its descriptor may be on its way in a message.
            // Closing that descriptor now could send another one in its place; the transfer's end closes it.
            HandleRegistry.remove(id);
            return true;
        }
        GipcClosedException failure = new GipcClosedException(name + " was closed by force: " + reason);
        if (outbound != null) {
            outbound.abort(failure);
        }
        HandleRegistry.remove(id);
        EventLoop loop = channel.eventLoop();
        Runnable abort = () -> {
            if (inbound != null) {
                inbound.abort(failure);
            }
            channel.close();
        };
        if (loop.inEventLoop()) {
            abort.run();
            return true;
        }
        try {
            loop.execute(abort);
        } catch (RejectedExecutionException deadLoop) {
            // No loop thread will touch the handle any more: fail what is pending and close the descriptor here.
            if (inbound != null) {
                inbound.abort(failure);
            }
            closeOnADeadLoop();
            return true;
        }
        channel.closeFuture().awaitUninterruptibly(FORCE_CLOSE_WAIT_MILLIS);
        return true;
    }

    @Override
    public String toString() {
        return name + " " + state.describe();
    }
}
