package io.gipc;

/**
 * A simplex pipe: a reader and a writer over one socketpair; Python gipc's {@code pipe()} pair.
 *
 * <pre>{@code
 * try (GipcPipe<String> p = Gipc.pipe()) {
 *     p.writer().put("hello");
 *     String s = p.reader().get().join();
 * }
 * }</pre>
 *
 * @param <T> the type of message carried
 */
public interface GipcPipe<T> extends AutoCloseable {
    /**
     * The reading end.
     *
     * @return the reader, the same object at every call
     */
    GipcReader<T> reader();

    /**
     * The writing end.
     *
     * @return the writer, the same object at every call
     */
    GipcWriter<T> writer();

    /**
     * Closes both ends, Python gipc's context-manager exit.
     *
     * <p>Looks at each handle once, at the moment of the call: closes the writer, then the reader, each one
     * that is open and has nothing pending; skips what is already closed (or was transferred to a child).
     *
     * @throws GipcLockedException after closing what it could, naming the handles that had an operation pending
     */
    @Override
    void close();
}
