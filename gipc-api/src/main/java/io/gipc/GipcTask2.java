package io.gipc;

import java.io.Serializable;

/**
 * A task of two arguments run by a {@link GipcPool}'s worker process; Python's
 * {@code pool.apply_async(f, (a, b))} or {@code executor.submit(f, a, b)}.
 *
 * <p>Shipped like a {@link GipcTarget2}: use a static method reference or a lambda. The arguments, the return
 * value and a thrown exception travel with the default codec.
 *
 * @param <A> the type of the first argument
 * @param <B> the type of the second argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface GipcTask2<A, B, R> extends Serializable {
    /**
     * Runs in a worker, on the worker's main thread, which may block.
     *
     * @param a the first argument
     * @param b the second argument
     * @return the result, carried back to the submitter's future
     * @throws Exception anything; the submitter's future fails with an exception of the same class and message
     */
    R call(A a, B b) throws Exception;
}
