package io.gipc;

/**
 * A handle was closed or transferred while one of its operations was pending; Python gipc's {@code GIPCLocked}.
 *
 * <p>A handle is locked exactly while one of its {@code get()} or {@code put()} futures is pending. Closing it
 * then throws this exception and leaves the handle open and usable; so does giving it to
 * {@code Gipc.startProcess}. {@link GipcPipe#close()} and {@link GipcDuplexPipe#close()} close what they can
 * and then throw this exception naming the handles they left open.
 */
public class GipcLockedException extends GipcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what was wrong.
     *
     * @param message what was wrong, naming the handle involved
     */
    public GipcLockedException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the failure that caused it.
     *
     * @param message what was wrong, naming the handle involved
     * @param cause the underlying failure
     */
    public GipcLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
