package io.gipc.testkit;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcDuplex;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.GipcLockedException;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.spi.GipcProvider;
import io.gipc.spi.HandleKind;
import io.gipc.spi.RawPeerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A gipc handle whose other end the test holds as raw bytes: feed a reader truncated or corrupt frames, or read
 * exactly what a writer puts on the wire (a 4-byte big-endian length, then the payload).
 *
 * <pre>{@code
 * try (RawPeer<GipcReader<byte[]>> peer = RawPeer.rawReader()) {
 *     GipcFuture<byte[]> get = peer.handle().get();
 *     peer.writeLength(5).write((byte) 'a', (byte) 'b');   // a frame of 5 announced, 2 bytes sent
 *     peer.closeOutput();                                   // then the stream ends
 *     ExecutionException e = assertThrows(ExecutionException.class, get::get);
 *     assertTrue(e.getCause().getMessage().contains("interrupted"));
 * }
 * }</pre>
 *
 * <p>The handle is an ordinary handle: listed by {@link io.gipc.Gipc#openHandles()}, transferable to a child.
 * Every wait is bounded ({@link #DEFAULT_TIMEOUT} unless given): a peer that cannot write or read in time fails
 * the test with an {@link AssertionError} instead of hanging it. A raw peer left open at the end of a test is
 * reported and closed by {@link GipcTestExtension}.
 *
 * @param <H> the type of the handle
 */
public final class RawPeer<H extends GipcHandle> implements AutoCloseable {
    /** How long a write waits for room, and a read for bytes, unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close()} lets the handle's pending operations end after the raw end is closed. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final RawPeerSocket socket;
    private final H handle;

    private RawPeer(RawPeerSocket socket, Class<?> handleType) {
        this.socket = socket;
        GipcHandle h = socket.handle();
        if (!handleType.isInstance(h)) {
            socket.close();
            throw new GipcException("the gipc implementation made a "
                    + h.getClass().getName() + " for a " + handleType.getSimpleName());
        }
        @SuppressWarnings("unchecked")
        H typed = (H) h;
        this.handle = typed;
        RawPeers.add(this);
    }

    private static <H extends GipcHandle> RawPeer<H> open(
            HandleKind kind, Class<?> type, Encoder<?> encoder, Decoder<?> decoder, GipcPipeOptions options) {
        return new RawPeer<>(
                GipcProvider.get().rawPeer(kind, encoder, decoder, Objects.requireNonNull(options, "options")), type);
    }

    /**
     * A raw reader ({@code byte[]} messages as they are) fed by this peer.
     *
     * @return the peer; its handle is the reader
     */
    public static RawPeer<GipcReader<byte[]>> rawReader() {
        return rawReader(GipcPipeOptions.defaults());
    }

    /**
     * A raw reader with options (a lower {@link GipcPipeOptions#withMaxMessageLength(int) length limit}, say).
     *
     * @param options the reader's options
     * @return the peer; its handle is the reader
     */
    public static RawPeer<GipcReader<byte[]>> rawReader(GipcPipeOptions options) {
        return open(HandleKind.READER, GipcReader.class, null, null, options);
    }

    /**
     * A reader with the default codec, fed by this peer.
     *
     * @param <T> the message type
     * @return the peer; its handle is the reader
     */
    @SuppressWarnings("unchecked")
    public static <T> RawPeer<GipcReader<T>> reader() {
        return reader((Decoder<? extends T>) GipcProvider.get().defaultDecoder(), GipcPipeOptions.defaults());
    }

    /**
     * A reader with a decoder of your own, fed by this peer.
     *
     * @param <T> the message type
     * @param decoder the decoder
     * @param options the reader's options
     * @return the peer; its handle is the reader
     */
    public static <T> RawPeer<GipcReader<T>> reader(Decoder<? extends T> decoder, GipcPipeOptions options) {
        return open(HandleKind.READER, GipcReader.class, null, Objects.requireNonNull(decoder, "decoder"), options);
    }

    /**
     * A raw writer whose bytes this peer reads.
     *
     * @return the peer; its handle is the writer
     */
    public static RawPeer<GipcWriter<byte[]>> rawWriter() {
        return open(HandleKind.WRITER, GipcWriter.class, null, null, GipcPipeOptions.defaults());
    }

    /**
     * A writer with the default codec whose bytes this peer reads.
     *
     * @param <T> the message type
     * @return the peer; its handle is the writer
     */
    @SuppressWarnings("unchecked")
    public static <T> RawPeer<GipcWriter<T>> writer() {
        return writer((Encoder<? super T>) GipcProvider.get().defaultEncoder());
    }

    /**
     * A writer with an encoder of your own whose bytes this peer reads.
     *
     * @param <T> the message type
     * @param encoder the encoder
     * @return the peer; its handle is the writer
     */
    public static <T> RawPeer<GipcWriter<T>> writer(Encoder<? super T> encoder) {
        return open(
                HandleKind.WRITER,
                GipcWriter.class,
                Objects.requireNonNull(encoder, "encoder"),
                null,
                GipcPipeOptions.defaults());
    }

    /**
     * A raw duplex end, both fed and read by this peer.
     *
     * @return the peer; its handle is the duplex end
     */
    public static RawPeer<GipcDuplex<byte[]>> rawDuplex() {
        return rawDuplex(GipcPipeOptions.defaults());
    }

    /**
     * A raw duplex end with options.
     *
     * @param options the handle's options
     * @return the peer; its handle is the duplex end
     */
    public static RawPeer<GipcDuplex<byte[]>> rawDuplex(GipcPipeOptions options) {
        return open(HandleKind.DUPLEX, GipcDuplex.class, null, null, options);
    }

    /**
     * A duplex end with the default codec.
     *
     * @param <T> the message type
     * @return the peer; its handle is the duplex end
     */
    @SuppressWarnings("unchecked")
    public static <T> RawPeer<GipcDuplex<T>> duplex() {
        GipcProvider p = GipcProvider.get();
        return duplex(
                (Encoder<? super T>) p.defaultEncoder(),
                (Decoder<? extends T>) p.defaultDecoder(),
                GipcPipeOptions.defaults());
    }

    /**
     * A duplex end with a codec of your own.
     *
     * @param <T> the message type
     * @param encoder the encoder
     * @param decoder the decoder
     * @param options the handle's options
     * @return the peer; its handle is the duplex end
     */
    public static <T> RawPeer<GipcDuplex<T>> duplex(
            Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options) {
        return open(
                HandleKind.DUPLEX,
                GipcDuplex.class,
                Objects.requireNonNull(encoder, "encoder"),
                Objects.requireNonNull(decoder, "decoder"),
                options);
    }

    /**
     * The 4-byte big-endian length header of gipc's wire format.
     *
     * @param length the length to announce; any int, negative ones included (to test how they are refused)
     * @return the four bytes
     */
    public static byte[] lengthHeader(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    /**
     * The handle at the other end.
     *
     * @return the handle
     */
    public H handle() {
        return handle;
    }

    /**
     * Writes bytes for the handle to read, as they are.
     *
     * @param bytes the bytes
     * @return this peer
     * @throws AssertionError if the handle does not take them within {@link #DEFAULT_TIMEOUT}
     */
    public RawPeer<H> write(byte... bytes) {
        return write(bytes, 0, bytes.length);
    }

    /**
     * Writes part of an array, as it is.
     *
     * @param bytes the array
     * @param offset the first byte
     * @param length how many
     * @return this peer
     * @throws AssertionError if the handle does not take them within {@link #DEFAULT_TIMEOUT}
     */
    public RawPeer<H> write(byte[] bytes, int offset, int length) {
        int written = socket.write(bytes, offset, length, DEFAULT_TIMEOUT);
        if (written < length) {
            throw new AssertionError(handle + " took only " + written + " of " + length + " bytes within "
                    + DEFAULT_TIMEOUT.toSeconds() + " s: it reads only for pending get()s");
        }
        return this;
    }

    /**
     * Writes a length header alone (see {@link #lengthHeader(int)}).
     *
     * @param length the length to announce
     * @return this peer
     */
    public RawPeer<H> writeLength(int length) {
        return write(lengthHeader(length));
    }

    /**
     * Writes one whole, well-formed frame: the payload's length, then the payload.
     *
     * @param payload the payload
     * @return this peer
     */
    public RawPeer<H> writeFrame(byte[] payload) {
        writeLength(payload.length);
        return write(payload);
    }

    /**
     * Reads exactly {@code n} bytes the handle wrote, waiting up to {@link #DEFAULT_TIMEOUT}.
     *
     * @param n how many
     * @return the bytes
     * @throws AssertionError if the stream ends or the time is up first, saying what did arrive
     */
    public byte[] read(int n) {
        return read(n, DEFAULT_TIMEOUT);
    }

    /**
     * Reads exactly {@code n} bytes the handle wrote.
     *
     * @param n how many
     * @param timeout how long to wait for all of them
     * @return the bytes
     * @throws AssertionError if the stream ends or the time is up first, saying what did arrive
     */
    public byte[] read(int n, Duration timeout) {
        byte[] into = new byte[n];
        long deadline = System.nanoTime() + timeout.toNanos();
        int done = 0;
        while (done < n) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            int r = socket.read(into, done, n - done, left);
            if (r < 0) {
                throw new AssertionError("the stream from " + handle + " ended after " + done + " of " + n + " bytes: "
                        + Arrays.toString(Arrays.copyOf(into, done)));
            }
            if (r == 0) {
                throw new AssertionError(handle + " wrote only " + done + " of " + n + " bytes within "
                        + timeout.toMillis() + " ms: " + Arrays.toString(Arrays.copyOf(into, done)));
            }
            done += r;
        }
        return into;
    }

    /**
     * Reads one frame the handle wrote and returns its payload.
     *
     * @return the payload
     * @throws AssertionError if the stream ends or {@link #DEFAULT_TIMEOUT} passes first, or the length is
     *         negative
     */
    public byte[] readFrame() {
        int length = ByteBuffer.wrap(read(4)).getInt();
        if (length < 0) {
            throw new AssertionError(handle + " wrote a negative length: " + length);
        }
        return read(length);
    }

    /**
     * Waits for the end of the stream the handle writes (the handle was closed, or transferred and closed in the
     * child).
     *
     * @param timeout how long to wait
     * @throws AssertionError if a byte arrives instead, or the time is up
     */
    public void awaitEndOfStream(Duration timeout) {
        byte[] one = new byte[1];
        int r = socket.read(one, 0, 1, timeout);
        if (r > 0) {
            throw new AssertionError("expected the end of the stream from " + handle + ", got byte " + one[0]);
        }
        if (r == 0) {
            throw new AssertionError("the stream from " + handle + " did not end within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * Ends the stream the handle reads: once it read what was written, its {@code get()} sees end of stream
     * (or an interrupted message, if a frame was left incomplete).
     *
     * @return this peer
     */
    public RawPeer<H> closeOutput() {
        socket.shutdownOutput();
        return this;
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return socket.isClosed();
    }

    /**
     * Closes the raw end, which ends the handle's pending operations (a {@code get()} sees end of stream, a
     * {@code put()} a broken pipe), then the handle unless it is closed already or was transferred.
     *
     * @throws GipcLockedException if an operation of the handle is still pending a few seconds after the raw end
     *         closed; the raw end is closed all the same
     */
    @Override
    public void close() {
        socket.close();
        RawPeers.remove(this);
        long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000L;
        while (!handle.isClosed()) {
            if (!handle.isLocked()) {
                try {
                    handle.close();
                    return;
                } catch (GipcException closedOrLockedMeanwhile) {
                    // looked at again below
                }
            } else if (System.nanoTime() > deadline) {
                throw new GipcLockedException(
                        "cannot close " + handle + ": an operation is still pending; its raw" + " peer is closed");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GipcLockedException("interrupted while waiting to close " + handle);
            }
        }
    }

    @Override
    public String toString() {
        return "RawPeer[" + socket + "]";
    }
}
