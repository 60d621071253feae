package io.gipc.netty.internal.codec;

/** A JDK singleton ({@code Collections.emptyList()}, {@code String.CASE_INSENSITIVE_ORDER}...): no contents. */
final class ConstantHandler extends TypeHandler {
    private final Object constant;

    ConstantHandler(Object constant) {
        this.constant = constant;
    }

    @Override
    void write(ValueWriter out, Object value) {
        // the class says it all
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) {
        return constant;
    }
}
