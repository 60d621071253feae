package io.gipc.netty.internal.transport;

import io.gipc.GipcFuture;
import io.gipc.GipcWriter;

/** The writing end of a simplex pipe. */
final class NettyWriter<T> extends AbstractHandle<T> implements GipcWriter<T> {
    NettyWriter(long id, String name, HandleState state, Outbound<T> outbound, HandleDescriptor descriptor) {
        super(id, name, state, null, outbound, descriptor);
    }

    @Override
    public GipcFuture<Void> put(T message) {
        return doPut(message);
    }
}
