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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The writing side of a handle: encodes on the caller's thread, then writes one whole frame through the
 * channel, whose outbound buffer keeps frames in order and never interleaves them. Frames put while the event
 * loop has not yet taken the earlier ones ride along with them: one loop task and one flush (one gathering
 * write) for the lot, instead of one each.
 *
 * <p>With the default codec, a value may hold handles: they are reserved, and the message goes as three pieces
 * in a row, a marked header ({@code 0x80000000 | n}), a {@link DescriptorSection} whose n bytes carry the n
 * descriptors, and an ordinary frame ({@link HandleMessage}). When the last piece is written the handles' copies
 * here are closed, then the put completes; if the write fails, the handles are given back.
 *
 * @param <T> the message type
 */
final class Outbound<T> {
    /** Every put() not yet settled in this JVM, so a child can write out everything before it exits. */
    private static final Set<LoopFuture<Void>> PENDING_PUTS = ConcurrentHashMap.newKeySet();

    private final HandleState state;
    private final String handleName;
    private final Encoder<? super T> encoder;
    private Channel channel;
    /** The handle this side writes for: it cannot travel inside its own messages. */
    private GipcHandle owner;
    private volatile GipcException abortFailure;
    /** Frames put and not yet handed to the channel, oldest first. */
    private final Queue<QueuedFrame> unflushed = new ConcurrentLinkedQueue<>();
    /** True while a loop task that will hand over {@link #unflushed} is scheduled and has not started. */
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flushTask = this::flushFromTask;

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
        ByteBuf frame = channel.alloc().directBuffer(4 + payload.length);
        frame.writeInt(payload.length).writeBytes(payload);
        PENDING_PUTS.add(future);
        unflushed.add(new QueuedFrame(frame, encoded.handles(), future));
        if (channel.eventLoop().inEventLoop()) {
            flushUnflushed();
        } else if (flushScheduled.compareAndSet(false, true)) {
            // A task already scheduled takes this frame too: it has not started, so it sees the frame.
            try {
                channel.eventLoop().execute(flushTask);
            } catch (RejectedExecutionException e) {
                flushScheduled.set(false);
                failUnflushed(e);
            }
        }
        return future;
    }

    private void flushFromTask() {
        flushScheduled.set(false); // from here on a new put schedules a new task, so no frame is left behind
        flushUnflushed();
    }

    /** On the loop: writes every queued frame in put order, then flushes them together. */
    private void flushUnflushed() {
        QueuedFrame queued;
        boolean wrote = false;
        while ((queued = unflushed.poll()) != null) {
            QueuedFrame q = queued;
            if (q.handles != null) {
                // Three writes in a row: nothing else enters the outbound buffer between them (we are on the loop).
                ByteBuf mark = channel.alloc().directBuffer(FrameAssembler.HEADER_BYTES);
                mark.writeInt(FrameAssembler.HANDLES_MARK | q.handles.size());
                channel.write(mark);
                channel.write(new DescriptorSection(((UnixChannel) channel).fd().intValue(), q.handles.fds()));
            }
            channel.write(q.frame).addListener(written -> q.written(written.cause()));
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** The loop refused the task (its group was shut down): the frames never leave, their puts fail. */
    private void failUnflushed(Throwable cause) {
        QueuedFrame queued;
        while ((queued = unflushed.poll()) != null) {
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
                throw new GipcCodecException("the encoder of " + handleName + " failed on " + describe(message)
                        + ": " + e, e);
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
                throw new GipcCodecException("the encoder of " + handleName + " failed on " + describe(message)
                        + ": " + t, t);
            }
            if (payload == null) {
                throw new GipcCodecException("the encoder of " + handleName + " returned null for "
                        + describe(message) + "; nothing was written");
            }
        }
        checkFits(payload);
        return payload;
    }

    private void checkFits(byte[] payload) {
        if (payload.length > Integer.MAX_VALUE - 4) {
            throw new GipcCodecException("a message of " + payload.length + " bytes does not fit one frame on "
                    + handleName);
        }
    }

    private static String describe(Object message) {
        return message == null ? "null" : "a value of type " + message.getClass().getName();
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
            return new GipcBrokenPipeException("no reader is left on the other end of " + handleName + ": "
                    + brokenPipeReason(cause), cause);
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

    /** Completes when every put() pending in this JVM at the time of the call has settled. */
    static java.util.concurrent.CompletableFuture<Void> pendingWrites() {
        return java.util.concurrent.CompletableFuture.allOf(
                PENDING_PUTS.stream().map(f -> f.handle((v, e) -> null)).toArray(java.util.concurrent.CompletableFuture[]::new));
    }

    /** A put() future: cannot be cancelled (a message is never torn); settled once. */
    private final class PutFuture extends LoopFuture<Void> {
        private final AtomicBoolean settled = new AtomicBoolean();

        void settle(Throwable writeCause, GipcException refusal) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            state.endOperation(HandleState.Op.PUT);
            PENDING_PUTS.remove(this);
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
