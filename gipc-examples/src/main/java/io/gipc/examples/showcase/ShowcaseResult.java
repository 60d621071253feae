package io.gipc.examples.showcase;

import java.util.List;
import java.util.Map;

/**
 * What a run of the showcase did, for its caller (the tests read it; {@code main} turns it into an exit code).
 *
 * @param requests requests sent by the built-in client (0 when serving)
 * @param ok requests answered with HTTP 200
 * @param byWorker successful requests per worker pid
 * @param restarts workers started to replace one that ended
 * @param exitCodes the exit codes of the workers stopped at the end
 */
public record ShowcaseResult(int requests, int ok, Map<Long, Long> byWorker, int restarts, List<Integer> exitCodes) {
    /**
     * Copies the collections.
     *
     * @param requests requests sent
     * @param ok requests answered with 200
     * @param byWorker successes per pid
     * @param restarts replacements
     * @param exitCodes final exit codes
     */
    public ShowcaseResult {
        byWorker = Map.copyOf(byWorker);
        exitCodes = List.copyOf(exitCodes);
    }

    /**
     * Whether every request was served and every worker stopped cleanly.
     *
     * @return true if so
     */
    public boolean success() {
        return ok == requests && exitCodes.stream().allMatch(c -> c != null && c == 0);
    }
}
