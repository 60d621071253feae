package io.gipc;

/**
 * A message could not be written because no reader is left on the other end.
 *
 * <p>The failure of a {@link GipcWriter#put(Object)} future (Python gipc's {@code EPIPE}). The writer can still
 * be closed.
 */
public class GipcBrokenPipeException extends GipcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what was wrong.
     *
     * @param message what was wrong, naming the handle involved
     */
    public GipcBrokenPipeException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the failure that caused it.
     *
     * @param message what was wrong, naming the handle involved
     * @param cause the underlying failure
     */
    public GipcBrokenPipeException(String message, Throwable cause) {
        super(message, cause);
    }
}
