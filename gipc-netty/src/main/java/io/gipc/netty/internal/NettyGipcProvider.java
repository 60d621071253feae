package io.gipc.netty.internal;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GProcess;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcPipeOptions;
import io.gipc.GipcPool;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.launcher.TransportUse;
import io.gipc.netty.internal.pool.NettyGipcPool;
import io.gipc.netty.internal.process.ProcessStarter;
import io.gipc.netty.internal.transport.HandleRegistry;
import io.gipc.netty.internal.transport.NettyPipes;
import io.gipc.netty.internal.transport.NettyRawPeer;
import io.gipc.spi.GipcProvider;
import io.gipc.spi.HandleKind;
import io.gipc.spi.PoolRequest;
import io.gipc.spi.ProcessRequest;
import io.gipc.spi.RawPeerSocket;
import java.util.List;
import java.util.Objects;

/** gipc on Netty: what {@link io.gipc.Gipc} finds through {@link java.util.ServiceLoader}. */
public final class NettyGipcProvider implements GipcProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public NettyGipcProvider() {
        TransportUse.mark(); // a child's launcher then waits for this JVM's puts before it exits
    }

    @Override
    public <T> GipcPipe<T> pipe(Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options) {
        return NettyPipes.pipe(encoder, decoder, options);
    }

    @Override
    public <T> GipcDuplexPipe<T> duplexPipe(
            Encoder<? super T> encoder, Decoder<? extends T> decoder, GipcPipeOptions options) {
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
    public List<GProcess> activeChildren() {
        return ProcessStarter.activeChildren();
    }

    @Override
    public boolean forceClose(GipcHandle handle, String reason) {
        return HandleRegistry.forceClose(handle, reason);
    }

    @Override
    public RawPeerSocket rawPeer(HandleKind kind, Encoder<?> encoder, Decoder<?> decoder, GipcPipeOptions options) {
        return NettyRawPeer.open(
                Objects.requireNonNull(kind, "kind"), encoder, decoder, Objects.requireNonNull(options, "options"));
    }

    @Override
    public GProcess startProcess(ProcessRequest request) {
        return ProcessStarter.start(request);
    }

    @Override
    public GipcFuture<Void> spares(int n) {
        return ProcessStarter.spares(n);
    }

    @Override
    public GipcPool startPool(PoolRequest request) {
        return NettyGipcPool.start(request);
    }
}
