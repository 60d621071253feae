package io.gipc.netty.internal.transport;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcException;
import io.gipc.spi.HandleKind;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;

/**
 * Turns one socket descriptor into a handle: builds its reading and writing sides, wraps the descriptor in a
 * native channel configured for gipc, and registers it on an event loop.
 */
final class Endpoints {
    private Endpoints() {}

    /** Takes ownership of {@code fd}: on failure it is closed. */
    @SuppressWarnings("unchecked")
    static <T> AbstractHandle<T> open(int fd, HandleDescriptor d) {
        long id = HandleRegistry.nextId();
        String name = typeName(d.kind()) + "#" + id + " (fd " + fd + ")";
        HandleState state = new HandleState(name);
        Inbound<T> inbound = !d.reads()
                ? null
                : new Inbound<>(state, name, (Decoder<? extends T>) d.decoder(), d.maxMessageLength());
        Outbound<T> outbound = !d.writes() ? null : new Outbound<>(state, name, (Encoder<? super T>) d.encoder());
        AbstractHandle<T> handle;
        switch (d.kind()) {
            case READER:
                handle = new NettyReader<>(id, name, state, inbound, d);
                break;
            case WRITER:
                handle = new NettyWriter<>(id, name, state, outbound, d);
                break;
            default:
                handle = new NettyDuplex<>(id, name, state, inbound, outbound, d);
        }
        Channel channel;
        try {
            channel = NativeTransport.current().newDomainChannel(fd);
        } catch (RuntimeException | Error e) {
            io.gipc.netty.internal.posix.SocketPair.closeQuietly(fd);
            throw e;
        }
        try {
            configure(channel, inbound);
            if (inbound != null) {
                inbound.preload(d.unreadBytes());
            }
        } catch (RuntimeException | Error e) {
            channel.unsafe().closeForcibly();
            throw e;
        }
        handle.attach(channel);
        ChannelFuture registered;
        try {
            registered = EventLoops.register(channel);
        } catch (RuntimeException | Error e) {
            // No loop took the channel (the default group could not be made, say): it and its descriptor are
            // still ours to close, and the handle, never returned, must not stay listed as open.
            HandleRegistry.remove(id);
            channel.unsafe().closeForcibly();
            throw e;
        }
        if (registered.isDone() && !registered.isSuccess()) {
            handle.closeChannel();
            channel.unsafe().closeForcibly();
            throw new GipcException(
                    "could not register " + name + " on an event loop: " + registered.cause(), registered.cause());
        }
        return handle;
    }

    private static void configure(Channel channel, Inbound<?> inbound) {
        // Reads happen only for pending gets; write errors must not close the channel (a duplex end may still
        // have messages to read); a peer's shutdown is an event, not a close.
        channel.config().setOption(ChannelOption.AUTO_READ, false);
        channel.config().setOption(ChannelOption.AUTO_CLOSE, false);
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        channel.config()
                .setOption(
                        ChannelOption.RCVBUF_ALLOCATOR,
                        new DemandRecvAllocator(inbound != null ? inbound : DemandRecvAllocator.ReadDemand.NONE));
        channel.pipeline().addLast("gipc-inbound", inbound != null ? inbound : WriterSide.INSTANCE);
    }

    private static String typeName(HandleKind kind) {
        switch (kind) {
            case READER:
                return "GipcReader";
            case WRITER:
                return "GipcWriter";
            default:
                return "GipcDuplex";
        }
    }
}
