package io.gipc.netty.internal.launcher;

import io.gipc.netty.internal.transport.EventLoops;
import io.gipc.netty.internal.transport.NativeTransport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.util.concurrent.CompletableFuture;

/**
 * The child's end of its bootstrap socket, driven by an event loop: reads the one length-prefixed bootstrap
 * message, then keeps reading so that the end of stream, which means the parent is gone, is seen at once.
 */
final class BootstrapReceiver extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<byte[]> message = new CompletableFuture<>();
    private final CompletableFuture<Void> parentGone = new CompletableFuture<>();
    private final byte[] header = new byte[4];
    private int headerFilled;
    private byte[] body;
    private int bodyFilled;

    private BootstrapReceiver() {}

    /**
     * Starts reading the socket.
     *
     * @param fd the inherited descriptor (made non-blocking by the parent)
     * @return the receiver
     */
    static BootstrapReceiver open(int fd) {
        BootstrapReceiver r = new BootstrapReceiver();
        Channel ch = NativeTransport.current().newDomainChannel(fd);
        ch.pipeline().addLast(r);
        EventLoops.group().next().register(ch).addListener(f -> {
            if (!f.isSuccess()) {
                r.message.completeExceptionally(f.cause());
                ch.unsafe().closeForcibly();
            }
        });
        return r;
    }

    /** @return completes with the bootstrap message, or fails if the stream ended first */
    CompletableFuture<byte[]> message() {
        return message;
    }

    /** @return completes when the parent's end is gone, after or instead of the message */
    CompletableFuture<Void> parentGone() {
        return parentGone;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (message.isDone()) {
                return; // a parent sends nothing after the bootstrap message
            }
            ByteBuf buf = (ByteBuf) msg;
            while (buf.isReadable() && !message.isDone()) {
                if (headerFilled < 4) {
                    header[headerFilled++] = buf.readByte();
                    if (headerFilled == 4) {
                        int length = ((header[0] & 0xff) << 24)
                                | ((header[1] & 0xff) << 16)
                                | ((header[2] & 0xff) << 8)
                                | (header[3] & 0xff);
                        if (length < 0) {
                            message.completeExceptionally(
                                    new IllegalStateException("bootstrap message of negative length " + length));
                            return;
                        }
                        body = new byte[length];
                        if (length == 0) {
                            message.complete(body);
                        }
                    }
                } else {
                    int n = Math.min(buf.readableBytes(), body.length - bodyFilled);
                    buf.readBytes(body, bodyFilled, n);
                    bodyFilled += n;
                    if (bodyFilled == body.length) {
                        message.complete(body);
                    }
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        message.completeExceptionally(new EOFException("the parent closed the bootstrap socket after "
                + (headerFilled + bodyFilled) + " byte(s), before the whole message"));
        parentGone.complete(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        message.completeExceptionally(cause);
        ctx.close();
    }
}
