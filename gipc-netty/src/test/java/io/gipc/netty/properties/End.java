package io.gipc.netty.properties;

/**
 * One end of the pipe a program runs on. On a simplex pipe {@link #A} is the writer and {@link #B} the reader; on a
 * duplex pipe they are {@code first()} and {@code second()}, and each writes to the other.
 */
enum End {
    A,
    B;

    End other() {
        return this == A ? B : A;
    }
}
