package io.gipc.spi;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GProcess;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcPool;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What an implementation of gipc provides; found through {@link ServiceLoader}. Users never call it: they use
 * {@link io.gipc.Gipc}. gipc-netty provides the one implementation.
 */
public interface GipcProvider {

    /**
     * A simplex pipe.
     *
     * @param <T> the message type
     * @param encoder the encoder, or null for raw {@code byte[]} messages
     * @param decoder the decoder, or null for raw {@code byte[]} messages
     * @param options the pipe's options
     * @return a new pipe
     */
    <T> GipcPipe<T> pipe(Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options);

    /**
     * A duplex pipe.
     *
     * @param <T> the message type
     * @param encoder the encoder, or null for raw {@code byte[]} messages
     * @param decoder the decoder, or null for raw {@code byte[]} messages
     * @param options the pipe's options
     * @return a new duplex pipe
     */
    <T> GipcDuplexPipe<T> duplexPipe(Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options);

    /**
     * The encoder of the default codec.
     *
     * @return the default encoder
     */
    Encoder<Object> defaultEncoder();

    /**
     * The decoder of the default codec.
     *
     * @return the default decoder
     */
    Decoder<Object> defaultDecoder();

    /**
     * A snapshot of the open handles of this JVM.
     *
     * @return the open handles, oldest first
     */
    List<GipcHandle> openHandles();

    /**
     * The children this JVM started that have not ended yet; {@link io.gipc.Gipc#activeChildren()}.
     *
     * @return a snapshot, oldest first
     */
    List<GProcess> activeChildren();

    /**
     * Closes a handle even while operations are pending on it. Every pending {@code get()} and {@code put()}
     * fails with a {@link io.gipc.GipcClosedException} that gives {@code reason}; then the descriptor is closed
     * and the handle leaves {@link #openHandles()}. A message being written may be torn: the other end sees it
     * interrupted. For test tools that must free a stuck test; applications use {@link GipcHandle#close()}.
     *
     * @param handle a handle made by this provider
     * @param reason why, for the failures of the pending operations
     * @return true if this call closed the handle, false if it was closed (or transferred) already
     * @throws GipcException if the handle was not made by this provider
     */
    boolean forceClose(GipcHandle handle, String reason);

    /**
     * A handle whose other end is not a handle but a raw socket, for tests that feed it bytes one by one
     * (truncated or corrupt frames) or read the bytes it writes. The handle is an ordinary handle of this
     * provider: listed by {@link #openHandles()}, closed with {@link GipcHandle#close()}, transferable to a child.
     *
     * @param kind which handle to make: {@link HandleKind#READER} gives a {@link io.gipc.GipcReader},
     *        {@link HandleKind#WRITER} a {@link io.gipc.GipcWriter}, {@link HandleKind#DUPLEX} a
     *        {@link io.gipc.GipcDuplex}
     * @param encoder the handle's encoder, or null for raw {@code byte[]} messages (unused by a reader)
     * @param decoder the handle's decoder, or null for raw {@code byte[]} messages (unused by a writer)
     * @param options the handle's options
     * @return the raw socket, holding the handle
     */
    RawPeerSocket rawPeer(HandleKind kind, Encoder<?> encoder, Decoder<?> decoder, GipcPipeOptions options);

    /**
     * Starts a child process.
     *
     * @param request what to start
     * @return the started process
     */
    GProcess startProcess(ProcessRequest request);

    /**
     * Keeps {@code n} spare children started ahead; {@link io.gipc.Gipc#spares(int)}.
     *
     * @param n how many; 0 ends the idle ones
     * @return completes when they are ready (or, for 0, gone)
     */
    default GipcFuture<Void> spares(int n) {
        throw new UnsupportedOperationException("this gipc implementation keeps no spare children");
    }

    /**
     * Starts a pool of worker processes.
     *
     * @param request the pool's settings
     * @return the pool, its workers starting in the background
     */
    GipcPool startPool(PoolRequest request);

    /**
     * The provider of this JVM, loaded once.
     *
     * @return the provider
     * @throws GipcException if no implementation is on the class path or module path
     */
    static GipcProvider get() {
        return ProviderHolder.provider();
    }
}
