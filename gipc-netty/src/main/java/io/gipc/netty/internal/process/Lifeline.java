package io.gipc.netty.internal.process;

import io.gipc.netty.internal.launcher.Bootstrap;
import io.gipc.netty.internal.transport.EventLoops;
import io.gipc.netty.internal.transport.NativeTransport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's end of a child's bootstrap socket. It carries the one bootstrap message, written without
 * blocking the caller, and then stays open for the child's lifetime: the child takes end of stream on it as
 * the sign that its parent is gone. Not a gipc handle: {@code Gipc.openHandles()} never lists it.
 */
final class Lifeline {
    private static final Logger LOG = LoggerFactory.getLogger(Lifeline.class);

    private final Channel channel;

    private Lifeline(Channel channel) {
        this.channel = channel;
    }

    /**
     * Takes over the parent's end and sends the bootstrap message on it.
     *
     * @param fd the parent's end (non-blocking, close-on-exec); owned by the lifeline from now on
     * @param message the encoded {@link Bootstrap}
     * @param child the child, for messages
     * @return the lifeline
     */
    static Lifeline send(int fd, byte[] message, String child) {
        Channel ch = NativeTransport.current().newDomainChannel(fd);
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg); // a child never writes here
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                LOG.debug("bootstrap socket of {}: {}", child, cause.toString());
                ctx.close();
            }
        });
        byte[] header = {
            (byte) (message.length >>> 24),
            (byte) (message.length >>> 16),
            (byte) (message.length >>> 8),
            (byte) message.length
        };
        EventLoops.processGroup().next().register(ch).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.warn(
                        "cannot register the bootstrap socket of {}: {}",
                        child,
                        f.cause().toString());
                ch.unsafe().closeForcibly();
                return;
            }
            ch.writeAndFlush(Unpooled.wrappedBuffer(header, message)).addListener(w -> {
                if (!w.isSuccess()) {
                    // The child died before reading it; its exit code tells the rest.
                    LOG.debug(
                            "bootstrap message to {} not written: {}",
                            child,
                            w.cause().toString());
                }
            });
        });
        return new Lifeline(ch);
    }

    /** Closes the parent's end; called once the child is reaped. */
    void close() {
        channel.close();
    }
}
