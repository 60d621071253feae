package io.gipc.netty.internal.pool;

import io.gipc.GipcFuture;
import java.util.concurrent.CompletionException;

/** What a {@code put()} that failed before it returned says: pool and worker both act on a refused message at once. */
final class RefusedPut {
    private RefusedPut() {}

    /**
     * @param put a put's future, just returned
     * @return why it already failed, or null if it has not (it is written, or being written)
     */
    static Throwable cause(GipcFuture<Void> put) {
        if (!put.isCompletedExceptionally()) {
            return null;
        }
        try {
            put.getNow(null);
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
