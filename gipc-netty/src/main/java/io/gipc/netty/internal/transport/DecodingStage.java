package io.gipc.netty.internal.transport;

import io.gipc.Decoder;
import io.gipc.GipcCodecException;
import io.gipc.GipcException;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a reader's frames into messages for its gets, one frame at a time, so that gets complete in the order they
 * were made. A small frame is decoded on the event loop; a large one ({@value #OFF_LOOP_BYTES} bytes or more) on
 * {@link DecodingThreads}, so that a long decode never holds a loop other pipes use. Whatever the decoder throws,
 * {@link StackOverflowError} and {@link OutOfMemoryError} included, fails that get with a
 * {@link GipcCodecException} naming the handle; the handle stays usable and the next get gets the next message.
 * Runs on the channel's event loop, except the decoding itself.
 *
 * @param <T> the message type
 */
final class DecodingStage<T> {
    /** Frames at least this long are decoded off the event loop. */
    static final int OFF_LOOP_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DecodingStage.class);

    private final String handleName;
    private final Decoder<? extends T> decoder;
    private final Runnable resume;
    /** The get whose frame is being decoded off the loop, or null. */
    private PendingGet<T> inFlight;

    /**
     * @param decoder the decoder, or null for a raw pipe
     * @param resume called on the loop once a frame decoded off the loop was delivered
     */
    DecodingStage(String handleName, Decoder<? extends T> decoder, Runnable resume) {
        this.handleName = handleName;
        this.decoder = decoder;
        this.resume = resume;
    }

    /** Whether a frame is being decoded off the loop: the next frame waits for it. */
    boolean busy() {
        return inFlight != null;
    }

    /**
     * On the loop: decodes a frame's payload for a get, now or off the loop.
     *
     * @param putBack gives the frame back to the next get, if this one was settled (cancelled) while its payload
     *        was decoded off the loop; run on the loop
     * @return false if the get was settled meanwhile and the frame goes to the next get; true otherwise
     */
    @SuppressWarnings("unchecked")
    boolean deliver(PendingGet<T> get, byte[] frame, EventLoop loop, Runnable putBack) {
        if (decoder == null) {
            return get.deliver((T) frame);
        }
        if (frame.length < OFF_LOOP_BYTES) {
            return decode(frame).settle(get);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        inFlight = get;
        try {
            DecodingThreads.execute(() -> {
                Outcome<T> outcome = decodeWith(loader, frame);
                try {
                    loop.execute(() -> decoded(get, outcome, putBack));
                } catch (RejectedExecutionException deadLoop) {
                    outcome.settle(get); // the loop was shut down: nothing else will run for this handle
                }
            });
        } catch (RejectedExecutionException | OutOfMemoryError noThread) {
            inFlight = null;
            return decode(frame).settle(get);
        }
        return true;
    }

    /**
     * On a thread that is not an event loop (a caller reading its own message): decodes there, whatever the size,
     * since that holds nothing other pipes need.
     *
     * @return false if the get was settled meanwhile
     */
    @SuppressWarnings("unchecked")
    boolean deliverHere(PendingGet<T> get, byte[] frame) {
        return decoder == null ? get.deliver((T) frame) : decode(frame).settle(get);
    }

    /**
     * On a caller's thread, for a get it has already {@linkplain PendingGet#reserve() reserved}: decodes there and
     * completes the get with the message or the decoder's failure.
     */
    @SuppressWarnings("unchecked")
    void completeReserved(PendingGet<T> get, byte[] frame) {
        if (decoder == null) {
            get.succeedNow((T) frame);
            return;
        }
        Outcome<T> outcome = decode(frame);
        if (outcome.failure == null) {
            get.succeedNow(outcome.message);
        } else {
            get.failNow(outcome.failure);
        }
    }

    /** On the loop: the handle is closed by force; the get being decoded fails now. */
    void abort(GipcException failure) {
        if (inFlight != null) {
            inFlight.failWith(failure);
        }
    }

    private void decoded(PendingGet<T> get, Outcome<T> outcome, Runnable putBack) {
        inFlight = null;
        if (!outcome.settle(get)) {
            putBack.run();
        }
        resume.run();
    }

    private Outcome<T> decodeWith(ClassLoader loader, byte[] frame) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // the default codec finds classes as it would on the loop
        try {
            return decode(frame);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private Outcome<T> decode(byte[] frame) {
        try {
            return new Outcome<>(decoder.decode(frame), null);
        } catch (StackOverflowError e) {
            return failed(frame, "it overflowed the stack (" + e + ")", e);
        } catch (OutOfMemoryError e) {
            LOG.warn(
                    "the decoder of {} ran out of memory on a message of {} bytes; that get() fails with a "
                            + "GipcCodecException",
                    handleName,
                    frame.length,
                    e);
            return failed(frame, "it ran out of memory (" + e + ")", e);
        } catch (Throwable t) {
            return failed(frame, String.valueOf(t), t);
        }
    }

    private Outcome<T> failed(byte[] frame, String reason, Throwable cause) {
        return new Outcome<>(
                null,
                new GipcCodecException(
                        "the decoder of " + handleName + " failed on a message of " + frame.length + " bytes: "
                                + reason,
                        cause));
    }

    /** A message, or why there is none. */
    private record Outcome<T>(T message, GipcCodecException failure) {
        boolean settle(PendingGet<T> get) {
            return failure == null ? get.deliver(message) : get.failWith(failure);
        }
    }
}
