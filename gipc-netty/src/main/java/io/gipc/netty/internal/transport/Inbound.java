package io.gipc.netty.internal.transport;

import io.gipc.Decoder;
import io.gipc.GipcEofException;
import io.gipc.GipcException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.unix.Errors;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The reading side of a handle: the queue of pending gets, served first come, first served, and the frames
 * that answer them. Runs on the channel's event loop, except {@link #get(Duration)}, which hands over to it.
 *
 * @param <T> the message type
 */
final class Inbound<T> extends ChannelInboundHandlerAdapter {
    private final HandleState state;
    private final String handleName;
    private final FrameAssembler frames;
    private final DecodingStage<T> decoding;
    private final ArrayDeque<PendingGet<T>> gets = new ArrayDeque<>();
    private Channel channel;
    private boolean inputEnded;
    private GipcException readFailure;
    private GipcException abortFailure;

    /**
     * @param decoder the decoder, or null for a raw pipe, whose messages are the payloads as they are
     */
    Inbound(HandleState state, String handleName, Decoder<? extends T> decoder, int maxMessageLength) {
        this.state = state;
        this.handleName = handleName;
        this.frames = new FrameAssembler(maxMessageLength, handleName);
        this.decoding = new DecodingStage<>(handleName, decoder, this::serve);
    }

    /** Bytes received before this reader existed (from a parent's copy of the handle), served first. */
    void preload(byte[] unread) {
        if (unread != null && unread.length > 0) {
            frames.add(io.netty.buffer.Unpooled.wrappedBuffer(unread));
        }
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    HandleState state() {
        return state;
    }

    String handleName() {
        return handleName;
    }

    EventLoop loop() {
        return channel.eventLoop();
    }

    /**
     * The bytes the reader can use now: none unless a get waits for a frame that is not complete. While a
     * payload is being read and another get waits behind the one it answers, the next frame's header comes in
     * the same read (one read per message instead of two); that header belongs to a get that is waiting.
     */
    int bytesWanted() {
        if (gets.isEmpty() || frames.hasCompleteFrame() || frames.corruption() != null || inputEnded) {
            return 0;
        }
        int wanted = frames.bytesToCompleteFrame();
        if (frames.isReadingPayload() && wanted < DemandRecvAllocator.MAX_READ_BYTES && liveGetsAtLeast(2)) {
            wanted += FrameAssembler.HEADER_BYTES;
        }
        return wanted;
    }

    /** Whether at least {@code n} queued gets are still waiting (cancelled ones may not have left the queue). */
    private boolean liveGetsAtLeast(int n) {
        int live = 0;
        for (PendingGet<T> get : gets) {
            if (!get.isDone() && ++live >= n) {
                return true;
            }
        }
        return false;
    }

    /** Any thread: queues a get (the handle is already locked for it). */
    LoopFuture<T> get(Duration timeout) {
        PendingGet<T> get = new PendingGet<>(this, timeout);
        EventLoop loop = loop();
        if (loop.inEventLoop()) {
            enqueue(get);
        } else {
            loop.execute(() -> enqueue(get));
        }
        return get;
    }

    private void enqueue(PendingGet<T> get) {
        if (get.isDone()) {
            return; // cancelled before it reached the loop
        }
        dropSettledHeads();
        gets.add(get);
        boolean firstByteAlreadyHere = gets.size() == 1 && frames.hasPartialFrame();
        if (!firstByteAlreadyHere) {
            get.startTimer();
        }
        serve();
    }

    /** On the loop, from any thread's cancel(): forgets a withdrawn get. */
    void withdraw(PendingGet<T> get) {
        EventLoop loop = loop();
        if (loop.inEventLoop()) {
            forget(get);
        } else {
            loop.execute(() -> forget(get));
        }
    }

    void timedOut(PendingGet<T> get) {
        if (get.failWith(get.timeoutException())) {
            gets.remove(get);
        }
    }

    private void forget(PendingGet<T> get) {
        get.stopTimer();
        gets.remove(get);
        serve();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            frames.add(bytes);
        } finally {
            bytes.release();
        }
        serve();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
            inputEnded = true;
            serve();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isConnectionReset(cause)) {
            // The other end closed with bytes of its own unread: an AF_UNIX socket then resets its peer instead of
            // ending its stream. The kernel hands over every byte the other end sent before the reset, so for this
            // reader it is the end of the stream (a message cut short by it is still reported as interrupted).
            inputEnded = true;
        } else if (readFailure == null) {
            readFailure = new GipcException("reading from " + handleName + " failed: " + cause, cause);
        }
        serve();
    }

    private static boolean isConnectionReset(Throwable cause) {
        return cause instanceof Errors.NativeIoException
                && ((Errors.NativeIoException) cause).expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inputEnded = true;
        serve();
        ctx.fireChannelInactive();
    }

    /** Matches complete frames to waiting gets, then fails or keeps reading for those left. */
    private void serve() {
        dropSettledHeads();
        while (!decoding.busy() && !gets.isEmpty() && frames.hasCompleteFrame()) {
            PendingGet<T> get = gets.poll();
            if (get.isDone()) {
                continue;
            }
            get.stopTimer();
            byte[] frame = frames.pollCompleteFrame();
            if (!deliver(get, frame)) {
                frames.pushBackFrame(frame); // cancelled meanwhile: the message goes to the next get
            }
        }
        dropSettledHeads();
        if (gets.isEmpty() || (decoding.busy() && abortFailure == null)) {
            return; // while a message is decoded off the loop, the next ones wait: serve() runs again after it
        }
        GipcException failure = terminalFailure();
        if (failure != null) {
            PendingGet<T> get;
            while ((get = gets.poll()) != null) {
                get.stopTimer();
                get.failWith(failure);
            }
            return;
        }
        if (frames.hasPartialFrame()) {
            gets.peek().stopTimer(); // its message has begun: a message is never torn by a timeout
        }
        channel.read();
    }

    /** Cancelled or timed-out gets whose removal has not reached the loop yet must not stand at the head. */
    private void dropSettledHeads() {
        while (!gets.isEmpty() && gets.peek().isDone()) {
            gets.poll().stopTimer();
        }
    }

    private boolean deliver(PendingGet<T> get, byte[] frame) {
        return decoding.deliver(get, frame, loop(), () -> frames.pushBackFrame(frame));
    }

    /** On the loop: the handle is closed by force; every get waiting fails with {@code failure}. */
    void abort(GipcException failure) {
        abortFailure = failure;
        decoding.abort(failure);
        serve();
    }

    /** Why every get still waiting must fail now, or null while more may arrive. */
    private GipcException terminalFailure() {
        if (abortFailure != null) {
            return abortFailure;
        }
        if (frames.corruption() != null) {
            return frames.corruption();
        }
        if (readFailure != null) {
            return readFailure;
        }
        if (inputEnded) {
            if (frames.hasPartialFrame()) {
                return new GipcException("message interrupted on " + handleName + ": the stream ended "
                        + frames.describePartialFrame());
            }
            return new GipcEofException("end of stream on " + handleName + ": the other end is closed and every"
                    + " message it sent was read");
        }
        return null;
    }

    /** On the loop: what a child taking over this reader must read first. */
    byte[] unreadBytes() {
        return frames.unreadBytes();
    }
}
