package io.gipc.netty.properties;

import java.time.Duration;

/** The kinds of {@code get()} a program issues, and what each may end with. */
enum GetKind {
    /** {@code get()}: a message, end of stream, or cancelled. */
    WAIT,
    /** {@code get(a few ms)}: may time out or not. */
    SHORT,
    /** {@code get(30 s)}, issued only when a message is sure to come for it: it must get one. */
    LONG,
    /** {@code get(a few ms)}, issued only when no message can come for it, and waited for: it must time out. */
    EXPIRING;

    /** The timeout of a {@link #LONG} get: it never expires, unless gipc hangs. */
    static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

    boolean mayTimeOut() {
        return this == SHORT || this == EXPIRING;
    }
}
