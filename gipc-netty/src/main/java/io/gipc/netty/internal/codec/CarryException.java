package io.gipc.netty.internal.codec;

import io.gipc.GipcCodecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoding met a value the default codec cannot carry. Thrown from deep inside a value and rethrown by each
 * enclosing container with one more step of the path, so the success path pays nothing for the path.
 */
final class CarryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final String reason;
    private final List<String> path = new ArrayList<>();

    CarryException(String type, String reason) {
        this(type, reason, null);
    }

    CarryException(String type, String reason, Throwable cause) {
        super(type + ": " + reason, cause);
        this.type = type;
        this.reason = reason;
    }

    /**
     * Records where the value was found, innermost first.
     *
     * @param step such as {@code field 'x' of com.foo.Bar}
     * @return this
     */
    CarryException at(String step) {
        path.add(step);
        return this;
    }

    /**
     * The public exception, naming the type, the reason and the path.
     *
     * @return the exception to throw from {@link DefaultCodec#encode}
     */
    GipcCodecException toCodecException() {
        StringBuilder message = new StringBuilder("the default codec cannot carry ")
                .append(type)
                .append(": ")
                .append(reason);
        if (!path.isEmpty()) {
            message.append(" (found at ").append(String.join(", in ", path)).append(')');
        }
        return new GipcCodecException(message.toString(), getCause());
    }
}
