package io.gipc.netty.internal.codec;

import java.io.IOException;

/** A class the default codec does not carry, with the reason; writing one fails, and so does reading one. */
final class RefusedHandler extends TypeHandler {
    private final String reason;

    RefusedHandler(String reason) {
        this.reason = reason;
    }

    @Override
    void write(ValueWriter out, Object value) {
        throw new CarryException(Handlers.typeName(value.getClass()), reason);
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        throw new CorruptDataException("the message holds a " + Handlers.typeName(wireClass)
                + ", which the default codec does not carry: " + reason);
    }
}
