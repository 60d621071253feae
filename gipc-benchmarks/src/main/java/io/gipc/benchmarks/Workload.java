package io.gipc.benchmarks;

/** Something to time: does {@code n} operations and says how long they took. */
@FunctionalInterface
interface Workload {
    /**
     * Does the work.
     *
     * @param n how many operations (messages, round trips, process starts)
     * @return the elapsed time of the timed part, in seconds
     * @throws Exception if the work fails (a wrong checksum included)
     */
    double run(long n) throws Exception;
}
