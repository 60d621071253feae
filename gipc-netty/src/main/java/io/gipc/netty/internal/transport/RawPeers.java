package io.gipc.netty.internal.transport;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcHandle;
import io.gipc.GipcPipeOptions;
import io.gipc.netty.internal.posix.RawSocket;
import io.gipc.netty.internal.posix.SocketPair;
import io.gipc.spi.HandleKind;
import io.gipc.spi.RawPeerSocket;

import java.time.Duration;

/** Makes a handle whose other end is a {@link RawSocket}: {@code GipcProvider.rawPeer}. */
public final class RawPeers {
    private RawPeers() {
    }

    /**
     * A new socketpair: one end a handle of the given kind, the other raw.
     *
     * @param kind which handle
     * @param encoder its encoder, null for raw
     * @param decoder its decoder, null for raw
     * @param options its options
     * @return the raw end, holding the handle
     */
    public static RawPeerSocket open(HandleKind kind, Encoder<?> encoder, Decoder<?> decoder,
                                     GipcPipeOptions options) {
        NativeTransport.current();
        int[] fds = SocketPair.open();
        AbstractHandle<?> handle;
        try {
            handle = Endpoints.open(fds[0], new HandleTransfer.HandleDescriptor(kindOf(kind),
                    kind == HandleKind.READER ? null : encoder, kind == HandleKind.WRITER ? null : decoder,
                    options.maxMessageLength(), null));
        } catch (RuntimeException | Error e) {
            SocketPair.closeQuietly(fds[1]);
            throw e;
        }
        return new Peer(handle, new RawSocket(fds[1], "the raw peer of " + handle.name() + " (fd " + fds[1] + ")"));
    }

    private static HandleTransfer.Kind kindOf(HandleKind kind) {
        switch (kind) {
            case READER:
                return HandleTransfer.Kind.READER;
            case WRITER:
                return HandleTransfer.Kind.WRITER;
            default:
                return HandleTransfer.Kind.DUPLEX;
        }
    }

    /** The raw end and its handle. */
    private static final class Peer implements RawPeerSocket {
        private final GipcHandle handle;
        private final RawSocket socket;

        Peer(GipcHandle handle, RawSocket socket) {
            this.handle = handle;
            this.socket = socket;
        }

        @Override
        public GipcHandle handle() {
            return handle;
        }

        @Override
        public int write(byte[] bytes, int offset, int length, Duration timeout) {
            return socket.write(bytes, offset, length, timeout);
        }

        @Override
        public int read(byte[] into, int offset, int length, Duration timeout) {
            return socket.read(into, offset, length, timeout);
        }

        @Override
        public void shutdownOutput() {
            socket.shutdownOutput();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public void close() {
            socket.close();
        }

        @Override
        public String toString() {
            return socket.toString();
        }
    }
}
