package io.gipc;

import java.io.Serializable;

/**
 * A function of 3 argument(s) run in a child process by {@link Gipc#startProcess}; Python gipc's {@code target}.
 *
 * <p>Use a static method reference or a lambda. It is shipped to the child as what its serialized form names
 * (class, method, signature) with its captured values encoded by the default codec; a target that cannot be
 * shipped (an anonymous class, a lambda capturing a {@code Thread}) makes {@code startProcess} fail in the
 * parent before any process starts.
 *
 * @param <A> the type of the first argument
 * @param <B> the type of the second argument
 * @param <C> the type of the third argument
 */
@FunctionalInterface
public interface GipcTarget3<A, B, C> extends Serializable {
    /**
     * Runs in the child, on a normal thread that may block. Returning exits the child with 0 once every
     * message it put is written; throwing prints the stack trace and exits with 1.
     *
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @throws Exception anything; the child then exits with 1
     */
    void run(A a, B b, C c) throws Exception;
}
