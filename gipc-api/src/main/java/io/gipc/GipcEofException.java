package io.gipc;

/**
 * The other end of the pipe is closed and every message it sent has been read.
 *
 * <p>The failure of a {@link GipcReader#get()} future. The end of the stream in the middle of a message is not
 * this exception but a plain {@link GipcException} saying the message was interrupted: a torn message is an
 * error, a clean end is not.
 */
public class GipcEofException extends GipcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what was wrong.
     *
     * @param message what was wrong, naming the handle involved
     */
    public GipcEofException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the failure that caused it.
     *
     * @param message what was wrong, naming the handle involved
     * @param cause the underlying failure
     */
    public GipcEofException(String message, Throwable cause) {
        super(message, cause);
    }
}
