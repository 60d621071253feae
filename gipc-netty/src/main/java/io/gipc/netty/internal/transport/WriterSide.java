package io.gipc.netty.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound end of a simplex writer's channel. A writer reads nothing, but Netty still reads when the reader
 * hangs up (to see the end of the stream), and may meet "connection reset" there; that is the next put's
 * broken pipe to report, not an error of its own.
 */
@ChannelHandler.Sharable
final class WriterSide extends ChannelInboundHandlerAdapter {
    static final WriterSide INSTANCE = new WriterSide();
    private static final Logger log = LoggerFactory.getLogger(WriterSide.class);

    private WriterSide() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ((ByteBuf) msg).release(); // a reader that writes is not a gipc reader: nothing here is a message
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("writer channel {}: {}", ctx.channel(), cause.toString());
    }
}
