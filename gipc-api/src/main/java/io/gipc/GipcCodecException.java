package io.gipc;

/**
 * An encoder or decoder failed, or the default codec cannot carry a value.
 *
 * <p>The failure of a {@code put()} future when the encoder throws or returns null (nothing is written), or of a
 * {@code get()} future when the decoder throws (the message is consumed and the next {@code get()} works).
 * The message names the type or the length involved.
 */
public class GipcCodecException extends GipcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what was wrong.
     *
     * @param message what was wrong, naming the handle involved
     */
    public GipcCodecException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the failure that caused it.
     *
     * @param message what was wrong, naming the handle involved
     * @param cause the underlying failure
     */
    public GipcCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
