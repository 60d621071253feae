package io.gipc.stress;

import java.util.ArrayList;

/**
 * A list of pipes (or anything closeable) for a try-with-resources block: at its end every element is closed, even
 * if closing another fails. As with any resource of that block, a failure of the block stays the test's failure,
 * and what closing threw is added to it as suppressed.
 *
 * @param <T> the elements
 */
final class ClosingList<T extends AutoCloseable> extends ArrayList<T> implements AutoCloseable {
    private static final long serialVersionUID = 1L;

    @Override
    public void close() {
        RuntimeException failure = null;
        for (T element : this) {
            try {
                element.close();
            } catch (Exception e) {
                RuntimeException r = e instanceof RuntimeException unchecked
                        ? unchecked
                        : new IllegalStateException("cannot close " + element, e);
                if (failure == null) {
                    failure = r;
                } else {
                    failure.addSuppressed(r);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
