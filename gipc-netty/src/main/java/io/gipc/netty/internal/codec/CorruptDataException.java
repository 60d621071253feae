package io.gipc.netty.internal.codec;

import java.io.IOException;

/** Decoding met bytes the default codec did not write, or that name what it cannot rebuild. */
final class CorruptDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean located;

    CorruptDataException(String message) {
        this(message, null, false);
    }

    CorruptDataException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private CorruptDataException(String message, Throwable cause, boolean located) {
        super(message, cause);
        this.located = located;
    }

    /**
     * Rebuilding a value failed (a constructor threw, a field refused a value...).
     *
     * @param typeName the class of the value
     * @param cause the failure
     * @return an exception naming both
     */
    static CorruptDataException rebuildFailed(String typeName, Throwable cause) {
        return new CorruptDataException("cannot rebuild a " + typeName + ": " + cause, cause, true);
    }

    /**
     * Says in which value the problem was found; only the innermost value is named.
     *
     * @param typeName the class of the value being read
     * @return an exception whose message names it
     */
    CorruptDataException within(String typeName) {
        if (located) {
            return this;
        }
        CorruptDataException located =
                new CorruptDataException(getMessage() + " (in a " + typeName + ")", getCause(), true);
        located.setStackTrace(getStackTrace());
        return located;
    }
}
