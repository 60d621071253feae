package io.gipc.netty.internal.transport;

import io.gipc.Encoder;
import io.gipc.GipcBrokenPipeException;
import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writing side of a handle: encodes on the caller's thread, then writes one whole frame. A put from a thread
 * other than the event loop, made while nothing else is being written on this handle, writes its frame to the
 * socket itself (non-blocking) and completes at once: no hand-over to the loop and back, the way Python gipc
 * writes on the caller's own (green) thread. Otherwise, or when the socket takes only part of the frame, the
 * frame (or its rest) goes through the channel, whose outbound buffer keeps frames in order and never interleaves
 * them. Frames put while the event loop has not yet taken the earlier ones ride along with them: one loop task
 * and one flush (one gathering write) for the lot, instead of one each.
 *
 * <p>Who may write is one token: {@link #FREE}, held by a caller writing directly ({@link #DIRECT}), or by the
 * loop handing frames to the channel ({@link #LOOP}). A caller writes directly only while no frame handed to the
 * loop is unwritten ({@link #loopFrames} is 0), so bytes never overtake each other.
 *
 * <p>With the default codec, a value may hold handles: they are reserved, and the message goes as three pieces
 * in a row, a marked header ({@code 0x80000000 | n}), a {@link DescriptorSection} whose n bytes carry the n
 * descriptors, and an ordinary frame ({@link HandleMessage}). When the last piece is written the handles' copies
 * here are closed, then the put completes; if the write fails, the handles are given back.
 *
 * @param <T> the message type
 */
final class Outbound<T> {
    private static final int FREE = 0;
    private static final int DIRECT = 1;
    private static final int LOOP = 2;

    /** Every put() not yet settled in this JVM, so a child can write out everything before it exits. */
    private final HandleState state;

    private final String handleName;
    private final Encoder<? super T> encoder;
    private Channel channel;
    /** The handle this side writes for: it cannot travel inside its own messages. */
    private GipcHandle owner;

    private volatile GipcException abortFailure;
    /** Frames put and not yet handed to the channel, oldest first. */
    private final Deque<QueuedFrame> unflushed = new ConcurrentLinkedDeque<>();
    /** Who may write to the socket now: {@link #FREE}, {@link #DIRECT} or {@link #LOOP}. */
    private final AtomicInteger writer = new AtomicInteger(FREE);
    /** Set once a direct write failed: from then on the loop writes (and fails) every frame. */
    /** The puts handed to the loop and not yet settled: what {@link #queuedPutsSettled()} waits for. */
    private final Set<PutFuture> queuedPuts = ConcurrentHashMap.newKeySet();

    private volatile boolean directWritesStopped;
    /** Frames queued for the loop or in the channel's outbound buffer, not yet written whole. */
    private final AtomicInteger loopFrames = new AtomicInteger();
    /** True while a loop task that will hand over {@link #unflushed} is scheduled and has not started. */
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    private final Runnable flushTask = this::flushFromTask;
    /** Writes a frame on a caller's thread, holding the {@link #DIRECT} token. */
    private final DirectWrites directWrites = new DirectWrites();

    /**
     * @param encoder the encoder, or null for a raw pipe, which carries {@code byte[]} as is
     */
    Outbound(HandleState state, String handleName, Encoder<? super T> encoder) {
        this.state = state;
        this.handleName = handleName;
        this.encoder = encoder;
    }

    void attach(Channel channel, GipcHandle owner) {
        this.channel = channel;
        this.owner = owner;
    }

    /** Any thread; the handle must be open (checked by beginOperation). */
    LoopFuture<Void> put(T message) {
        state.beginOperation(HandleState.Op.PUT);
        PutFuture future = new PutFuture();
        HandleMessage.Encoded encoded;
        try {
            encoded = encode(message);
        } catch (GipcException e) {
            future.settle(null, e);
            return future;
        }
        byte[] payload = encoded.payload();
        ReservedHandles handles = encoded.handles();
        boolean onLoop = channel.eventLoop().inEventLoop();
        // A loop shut down by its user takes no more work: a put then fails as it did before direct writes, even
        // when the socket itself is still open (a channel whose registration the stopping loop refused).
        if (handles == null
                && !onLoop
                && !directWritesStopped
                && loopFrames.get() == 0
                && !channel.eventLoop().isShuttingDown()
                && writer.compareAndSet(FREE, DIRECT)) {
            try {
                if (loopFrames.get() != 0) {
                    queue(frameOf(payload), null, future, false); // a put handed to the loop just now came first
                } else {
                    ByteBuf rest = directWrites.write(((UnixChannel) channel).fd(), payload, channel.alloc());
                    if (rest == null) {
                        future.settle(null, null);
                    } else {
                        // Written in part or not at all, or the write failed (no reader left, say): the rest goes to
                        // the loop ahead of any frame put meanwhile, queued before the token is released so that no
                        // direct write can overtake it. A failed write fails again there, the loop's way, which
                        // stops writing for good (Netty shuts the output): later puts go through the loop.
                        directWritesStopped |= directWrites.failed();
                        queue(rest, null, future, true);
                    }
                }
            } finally {
                writer.set(FREE);
            }
            scheduleFlushIfQueued();
            return future;
        }
        queue(frameOf(payload), handles, future, false); // a message with handles always goes through the loop
        if (onLoop) {
            flushUnflushed();
        } else {
            scheduleFlushIfQueued();
        }
        return future;
    }

    /** @return the frame of a payload for the channel: its length, then its bytes */
    private ByteBuf frameOf(byte[] payload) {
        ByteBuf frame = channel.alloc().directBuffer(FrameAssembler.HEADER_BYTES + payload.length);
        return frame.writeInt(payload.length).writeBytes(payload);
    }

    /** Hands a frame (and the handles it carries, or null) to the loop; {@code first}: ahead of those waiting. */
    private void queue(ByteBuf frame, ReservedHandles handles, PutFuture future, boolean first) {
        queuedPuts.add(future);
        loopFrames.incrementAndGet();
        QueuedFrame queued = new QueuedFrame(frame, handles, future);
        if (first) {
            unflushed.addFirst(queued);
        } else {
            unflushed.add(queued);
        }
    }

    /** From any thread but the loop: makes sure a loop task will hand over what is queued. */
    private void scheduleFlushIfQueued() {
        if (!unflushed.isEmpty() && flushScheduled.compareAndSet(false, true)) {
            // A task already scheduled takes later frames too: it has not started, so it sees them.
            try {
                channel.eventLoop().execute(flushTask);
            } catch (RejectedExecutionException e) {
                flushScheduled.set(false);
                failUnflushed(e);
            }
        }
    }

    private void flushFromTask() {
        flushScheduled.set(false); // from here on a new put schedules a new task, so no frame is left behind
        flushUnflushed();
    }

    /**
     * On the loop: writes every queued frame in put order, then flushes them together. A caller writing directly
     * meanwhile keeps the token; it schedules this task again when it is done.
     */
    private void flushUnflushed() {
        if (!writer.compareAndSet(FREE, LOOP)) {
            return;
        }
        try {
            QueuedFrame queued;
            boolean wrote = false;
            while ((queued = unflushed.poll()) != null) {
                QueuedFrame q = queued;
                if (q.handles != null) {
                    // Three writes in a row: nothing else enters the outbound buffer between them (on the loop).
                    ByteBuf mark = channel.alloc().directBuffer(FrameAssembler.HEADER_BYTES);
                    mark.writeInt(FrameAssembler.HANDLES_MARK | q.handles.size());
                    channel.write(mark);
                    channel.write(
                            new DescriptorSection(((UnixChannel) channel).fd().intValue(), q.handles.fds()));
                }
                channel.write(q.frame).addListener(written -> {
                    loopFrames.decrementAndGet();
                    q.written(written.cause());
                });
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        } finally {
            writer.set(FREE);
        }
        scheduleFlushIfQueued(); // frames put while the token was held
    }

    /** The loop refused the task (its group was shut down): the frames never leave, their puts fail. */
    private void failUnflushed(Throwable cause) {
        QueuedFrame queued;
        while ((queued = unflushed.poll()) != null) {
            loopFrames.decrementAndGet();
            queued.frame.release();
            queued.written(cause);
        }
    }

    private final class QueuedFrame {
        final ByteBuf frame;
        /** The handles the message carries, reserved; null if none. */
        final ReservedHandles handles;

        final PutFuture future;

        QueuedFrame(ByteBuf frame, ReservedHandles handles, PutFuture future) {
            this.frame = frame;
            this.handles = handles;
            this.future = future;
        }

        /** The last piece is written (cause null) or failed: the handles' copies close, or come back. */
        void written(Throwable cause) {
            if (handles == null) {
                future.settle(cause, null);
            } else if (cause != null) {
                handles.abort();
                future.settle(cause, null);
            } else {
                handles.commit(() -> future.settle(null, null));
            }
        }
    }

    private HandleMessage.Encoded encode(T message) {
        if (encoder == DefaultCodec.ENCODER) {
            try {
                HandleMessage.Encoded encoded = HandleMessage.encode(message, "a message on " + handleName, owner);
                if (encoded.handles() == null) {
                    checkFits(encoded.payload());
                }
                return encoded;
            } catch (GipcException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new GipcCodecException(
                        "the encoder of " + handleName + " failed on " + describe(message) + ": " + e, e);
            }
        }
        return new HandleMessage.Encoded(encodePlain(message), null);
    }

    private byte[] encodePlain(T message) {
        byte[] payload;
        if (encoder == null) {
            if (!(message instanceof byte[])) {
                throw new GipcCodecException("a raw pipe carries byte[] only; " + handleName + " was given "
                        + (message == null ? "null" : "a " + message.getClass().getName()));
            }
            payload = (byte[]) message;
        } else {
            try {
                payload = encoder.encode(message);
            } catch (GipcCodecException e) {
                throw e;
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError) {
                    throw (VirtualMachineError) t;
                }
                throw new GipcCodecException(
                        "the encoder of " + handleName + " failed on " + describe(message) + ": " + t, t);
            }
            if (payload == null) {
                throw new GipcCodecException("the encoder of " + handleName + " returned null for " + describe(message)
                        + "; nothing was written");
            }
        }
        checkFits(payload);
        return payload;
    }

    private void checkFits(byte[] payload) {
        if (payload.length > Integer.MAX_VALUE - 4) {
            throw new GipcCodecException(
                    "a message of " + payload.length + " bytes does not fit one frame on " + handleName);
        }
    }

    private static String describe(Object message) {
        return message == null
                ? "null"
                : "a value of type " + message.getClass().getName();
    }

    /** The handle is being closed by force: writes that fail from now on fail with {@code failure}. */
    void abort(GipcException failure) {
        abortFailure = failure;
    }

    private GipcException writeFailure(Throwable cause) {
        GipcException aborted = abortFailure;
        if (aborted != null) {
            return aborted;
        }
        if (cause instanceof IOException) {
            return new GipcBrokenPipeException(
                    "no reader is left on the other end of " + handleName + ": " + brokenPipeReason(cause), cause);
        }
        return new GipcException("writing to " + handleName + " failed: " + cause, cause);
    }

    /**
     * What the OS said when the writing stopped. Netty wraps it (the first failed write shuts the output down:
     * "Channel output shutdown") and fails every later write with a ClosedChannelException that has no message.
     */
    private static String brokenPipeReason(Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            return "an earlier put() found no reader, and writing has stopped";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** @return a future that completes when every put() of this handle queued for the loop so far has settled */
    CompletableFuture<Void> queuedPutsSettled() {
        return CompletableFuture.allOf(
                queuedPuts.stream().map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new));
    }

    /** A put() future: cannot be cancelled (a message is never torn); settled once. */
    private final class PutFuture extends LoopFuture<Void> {
        private final AtomicBoolean settled = new AtomicBoolean();

        void settle(Throwable writeCause, GipcException refusal) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            state.endOperation(HandleState.Op.PUT);
            queuedPuts.remove(this);
            if (refusal != null) {
                fail(refusal);
            } else if (writeCause != null) {
                fail(writeFailure(writeCause));
            } else {
                succeed(null);
            }
        }
    }
}
