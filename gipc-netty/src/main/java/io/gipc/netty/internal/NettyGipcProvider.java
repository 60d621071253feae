package io.gipc.netty.internal;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GProcess;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcPipeOptions;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.process.ProcessStarter;
import io.gipc.netty.internal.transport.HandleRegistry;
import io.gipc.netty.internal.transport.NettyPipes;
import io.gipc.spi.GipcProvider;
import io.gipc.spi.ProcessRequest;

import java.util.List;

/** gipc on Netty: what {@link io.gipc.Gipc} finds through {@link java.util.ServiceLoader}. */
public final class NettyGipcProvider implements GipcProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public NettyGipcProvider() {
    }

    @Override
    public <T> GipcPipe<T> pipe(Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options) {
        return NettyPipes.pipe(encoder, decoder, options);
    }

    @Override
    public <T> GipcDuplexPipe<T> duplexPipe(Encoder<? super T> encoder, Decoder<? extends T> decoder,
                                            GipcPipeOptions options) {
        return NettyPipes.duplexPipe(encoder, decoder, options);
    }

    @Override
    public Encoder<Object> defaultEncoder() {
        return DefaultCodec.ENCODER;
    }

    @Override
    public Decoder<Object> defaultDecoder() {
        return DefaultCodec.DECODER;
    }

    @Override
    public List<GipcHandle> openHandles() {
        return HandleRegistry.snapshot();
    }

    @Override
    public GProcess startProcess(ProcessRequest request) {
        return ProcessStarter.start(request);
    }
}
