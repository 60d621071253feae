package io.gipc;

/**
 * An operation on a handle that is already closed; Python gipc's {@code GIPCClosed}.
 *
 * <p>Thrown from the call itself, {@link GipcHandle#close()} included, never delivered through a future.
 * Also thrown by {@code Gipc.startProcess} when asked to transfer a closed handle.
 */
public class GipcClosedException extends GipcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what was wrong.
     *
     * @param message what was wrong, naming the handle involved
     */
    public GipcClosedException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the failure that caused it.
     *
     * @param message what was wrong, naming the handle involved
     * @param cause the underlying failure
     */
    public GipcClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
