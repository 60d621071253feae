package io.gipc.spi;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GProcess;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcPipeOptions;

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
    <T> GipcDuplexPipe<T> duplexPipe(Encoder<? super T> encoder, Decoder<? extends T> decoder,
                                     GipcPipeOptions options);

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
     * Starts a child process.
     *
     * @param request what to start
     * @return the started process
     */
    GProcess startProcess(ProcessRequest request);

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
