package io.gipc;

/**
 * The root of gipc's exceptions; Python gipc's {@code GIPCError}.
 *
 * <p>Unchecked. Thrown directly by calls that fail at once (an operation on a closed handle, say) and used
 * as the failure of a {@link GipcFuture} when an operation fails later (a frame whose length is over the
 * reader's limit, a message interrupted by the end of the stream). Subclasses say what kind of failure it
 * was; an instance of this class itself is a failure that no subclass names.
 */
public class GipcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what was wrong.
     *
     * @param message what was wrong, naming the handle, type or length involved
     */
    public GipcException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the failure that caused it.
     *
     * @param message what was wrong, naming the handle, type or length involved
     * @param cause the underlying failure
     */
    public GipcException(String message, Throwable cause) {
        super(message, cause);
    }
}
