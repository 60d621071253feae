package io.gipc.netty.internal.pool;

import java.time.Duration;

/**
 * When to start a worker again after workers failed to start (ended before they were ready): at once after a
 * success, then after pauses that double from {@link #FIRST_PAUSE} up to {@link #LONGEST_PAUSE}. After
 * {@link #FAILURES_TO_GIVE_UP} failures in a row the pool tells its users (its tasks fail) but keeps trying at
 * the longest pause, so that a cause that goes away (a file the initializer needs, say) lets it recover.
 *
 * <p>Not thread-safe: used under the pool's lock.
 */
final class RestartPolicy {
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);
    static final int FAILURES_TO_GIVE_UP = 3;

    private int failuresInARow;

    /** A worker became ready: the next failure starts the pauses afresh. */
    void succeeded() {
        failuresInARow = 0;
    }

    /**
     * A worker failed to start.
     *
     * @return the pause before the next start
     */
    Duration failed() {
        failuresInARow++;
        long millis = FIRST_PAUSE.toMillis() << Math.min(failuresInARow - 1, 20);
        return Duration.ofMillis(Math.min(millis, LONGEST_PAUSE.toMillis()));
    }

    /**
     * Whether workers failed to start often enough in a row that waiting tasks should fail instead of waiting.
     *
     * @return true from the {@value #FAILURES_TO_GIVE_UP}th failure in a row on
     */
    boolean givingUp() {
        return failuresInARow >= FAILURES_TO_GIVE_UP;
    }

    /**
     * The failures in a row so far.
     *
     * @return the count
     */
    int failuresInARow() {
        return failuresInARow;
    }
}
