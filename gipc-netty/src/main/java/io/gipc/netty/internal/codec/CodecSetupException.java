package io.gipc.netty.internal.codec;

/**
 * The default codec could not set up its tables (out of descriptors or memory at its first use). Nothing of the
 * failed set-up is kept: the next encode or decode tries again.
 */
final class CodecSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CodecSetupException(Throwable cause) {
        super("the default codec could not set up its JDK types (it will try again at its next use): " + cause, cause);
    }
}
