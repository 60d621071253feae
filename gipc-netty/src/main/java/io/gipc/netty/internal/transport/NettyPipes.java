package io.gipc.netty.internal.transport;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcClosedException;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcHandle;
import io.gipc.GipcLockedException;
import io.gipc.GipcPipe;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.posix.SocketPair;
import io.gipc.spi.HandleKind;
import java.util.ArrayList;
import java.util.List;

/** Makes pipes: one socketpair each, its two ends turned into handles. */
public final class NettyPipes {
    private NettyPipes() {}

    /**
     * A simplex pipe: the reader on one end of a socketpair, the writer on the other.
     *
     * @param <T> the message type
     * @param encoder the encoder, null for raw
     * @param decoder the decoder, null for raw
     * @param options the options
     * @return the pipe
     */
    public static <T> GipcPipe<T> pipe(
            Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options) {
        decoder = filtered(decoder, options.decodingFilter());
        NativeTransport.current();
        // Each end uses one direction, but neither shuts the other down: a half-closed socket makes Netty 4.2's
        // epoll registration drop the writer's descriptor once its interest set is empty, and the writer's next
        // wait for EPOLLOUT then fails and shuts its output, tearing the message being written. The handle types
        // enforce the direction instead (a reader has no put, a writer no get).
        int[] fds = SocketPair.open();
        AbstractHandle<T> reader;
        try {
            reader = Endpoints.open(fds[0], descriptor(HandleKind.READER, encoder, decoder, options));
        } catch (RuntimeException | Error e) {
            SocketPair.closeQuietly(fds[1]);
            throw e;
        }
        AbstractHandle<T> writer;
        try {
            writer = Endpoints.open(fds[1], descriptor(HandleKind.WRITER, encoder, decoder, options));
        } catch (RuntimeException | Error e) {
            reader.close();
            throw e;
        }
        return new SimplexPipe<>((GipcReader<T>) reader, (GipcWriter<T>) writer);
    }

    /**
     * A duplex pipe over one socketpair.
     *
     * @param <T> the message type
     * @param encoder the encoder, null for raw
     * @param decoder the decoder, null for raw
     * @param options the options
     * @return the pipe
     */
    public static <T> GipcDuplexPipe<T> duplexPipe(
            Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options) {
        decoder = filtered(decoder, options.decodingFilter());
        NativeTransport.current();
        int[] fds = SocketPair.open();
        HandleDescriptor d = descriptor(HandleKind.DUPLEX, encoder, decoder, options);
        AbstractHandle<T> first;
        try {
            first = Endpoints.open(fds[0], d);
        } catch (RuntimeException | Error e) {
            SocketPair.closeQuietly(fds[1]);
            throw e;
        }
        AbstractHandle<T> second;
        try {
            second = Endpoints.open(fds[1], d);
        } catch (RuntimeException | Error e) {
            first.close();
            throw e;
        }
        return new DuplexPipe<>((GipcDuplex<T>) first, (GipcDuplex<T>) second);
    }

    private static HandleDescriptor descriptor(
            HandleKind kind, Encoder<?> encoder, Decoder<?> decoder, GipcPipeOptions options) {
        return HandleDescriptor.of(kind, encoder, decoder, options.maxMessageLength());
    }

    /** The default decoder with the pipe's own filter; only the default codec has one. */
    @SuppressWarnings("unchecked")
    private static <T> Decoder<? extends T> filtered(Decoder<? extends T> decoder, String filter) {
        if (filter == null) {
            return decoder;
        }
        if (decoder != DefaultCodec.DECODER) {
            throw new IllegalArgumentException("a decoding filter applies to the default codec only; this pipe "
                    + (decoder == null ? "is raw" : "has its own decoder"));
        }
        return (Decoder<? extends T>) DefaultCodec.decoder(filter);
    }

    /**
     * Closes, in the given order, each handle that was open and idle at the moment of the call; then names
     * those that had an operation pending. Every handle is looked at once, before any is closed, so closing one
     * end (which ends the stream for the other) cannot change the outcome.
     */
    static void closeAll(GipcHandle... handles) {
        boolean[] lockedNow = new boolean[handles.length];
        for (GipcHandle h : handles) {
            if (h instanceof AbstractHandle<?> handle) {
                handle.awaitSettlingPuts(); // a put whose bytes are written is not an operation still pending
            }
        }
        for (int i = 0; i < handles.length; i++) {
            lockedNow[i] = handles[i].isLocked();
        }
        List<GipcHandle> locked = new ArrayList<>();
        for (int i = 0; i < handles.length; i++) {
            GipcHandle h = handles[i];
            if (lockedNow[i]) {
                if (!h.isClosed()) {
                    locked.add(h);
                }
                continue;
            }
            try {
                h.close();
            } catch (GipcClosedException alreadyClosed) {
                // closed before, or transferred to a child: nothing to do
            } catch (GipcLockedException startedMeanwhile) {
                locked.add(h);
            }
        }
        if (!locked.isEmpty()) {
            throw new GipcLockedException("could not close " + locked + ": an operation is pending on "
                    + (locked.size() == 1 ? "it" : "each") + "; the other handles are closed");
        }
    }

    private record SimplexPipe<T>(GipcReader<T> reader, GipcWriter<T> writer) implements GipcPipe<T> {
        @Override
        public void close() {
            closeAll(writer, reader);
        }
    }

    private record DuplexPipe<T>(GipcDuplex<T> first, GipcDuplex<T> second) implements GipcDuplexPipe<T> {
        @Override
        public void close() {
            closeAll(first, second);
        }
    }
}
