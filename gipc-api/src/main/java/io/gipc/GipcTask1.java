package io.gipc;

import java.io.Serializable;

/**
 * A task of one argument run by a {@link GipcPool}'s worker process; Python's {@code pool.apply_async(f, (a,))},
 * {@code executor.submit(f, a)}, and the function given to {@code map}.
 *
 * <p>Shipped like a {@link GipcTarget1}: use a static method reference or a lambda. The argument, the return
 * value and a thrown exception travel with the default codec.
 *
 * @param <A> the type of the argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface GipcTask1<A, R> extends Serializable {
    /**
     * Runs in a worker, on the worker's main thread, which may block.
     *
     * @param a the argument
     * @return the result, carried back to the submitter's future
     * @throws Exception anything; the submitter's future fails with an exception of the same class and message
     */
    R call(A a) throws Exception;
}
