package io.gipc.netty.internal.transport;

import io.gipc.GipcDuplex;
import io.gipc.GipcFuture;
import java.time.Duration;

/** One end of a duplex pipe: reads and writes over one socket. */
final class NettyDuplex<T> extends AbstractHandle<T> implements GipcDuplex<T> {
    NettyDuplex(
            long id,
            String name,
            HandleState state,
            Inbound<T> inbound,
            Outbound<T> outbound,
            HandleDescriptor descriptor) {
        super(id, name, state, inbound, outbound, descriptor);
    }

    @Override
    public GipcFuture<T> get() {
        return doGet(null);
    }

    @Override
    public GipcFuture<T> get(Duration timeout) {
        return doGet(requireTimeout(timeout));
    }

    @Override
    public GipcFuture<Void> put(T message) {
        return doPut(message);
    }
}
