package io.gipc.netty.internal.transport;

import io.gipc.GipcFuture;
import io.gipc.GipcReader;
import java.time.Duration;

/** The reading end of a simplex pipe. */
final class NettyReader<T> extends AbstractHandle<T> implements GipcReader<T> {
    NettyReader(long id, String name, HandleState state, Inbound<T> inbound, HandleDescriptor descriptor) {
        super(id, name, state, inbound, null, descriptor);
    }

    @Override
    public GipcFuture<T> get() {
        return doGet(null);
    }

    @Override
    public GipcFuture<T> get(Duration timeout) {
        return doGet(requireTimeout(timeout));
    }
}
