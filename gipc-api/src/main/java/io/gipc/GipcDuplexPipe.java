package io.gipc;

/**
 * A duplex pipe: two {@link GipcDuplex} ends over one socketpair; Python gipc's {@code pipe(duplex=True)} pair.
 *
 * @param <T> the type of message carried both ways
 */
public interface GipcDuplexPipe<T> extends AutoCloseable {
    /**
     * The first end.
     *
     * @return the first end, the same object at every call
     */
    GipcDuplex<T> first();

    /**
     * The second end.
     *
     * @return the second end, the same object at every call
     */
    GipcDuplex<T> second();

    /**
     * Closes both ends, by the same rules as {@link GipcPipe#close()}.
     *
     * @throws GipcLockedException after closing what it could, naming the handles that had an operation pending
     */
    @Override
    void close();
}
