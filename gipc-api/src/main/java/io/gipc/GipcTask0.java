package io.gipc;

import java.io.Serializable;

/**
 * A task of no argument run by a {@link GipcPool}'s worker process; Python's {@code pool.apply_async(f)} or
 * {@code executor.submit(f)}.
 *
 * <p>Shipped like a {@link GipcTarget0}: use a static method reference or a lambda (its captured values travel
 * with the default codec). Its return value, or the exception it throws, travels back with the default codec.
 *
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface GipcTask0<R> extends Serializable {
    /**
     * Runs in a worker, on the worker's main thread, which may block.
     *
     * @return the result, carried back to the submitter's future
     * @throws Exception anything; the submitter's future fails with an exception of the same class and message
     */
    R call() throws Exception;
}
