package io.gipc.examples.webflux;

/** The CPU-heavy work: runs in a worker process of the pool, never on an event loop. */
final class Primes {
    private Primes() {}

    /**
     * Counts the primes below {@code n} by trial division: deliberately plain, a stand-in for real work (rendering,
     * compression, a model's inference) that would stall an event loop.
     */
    static int countBelow(int n) {
        int count = 0;
        for (int candidate = 2; candidate < n; candidate++) {
            if (isPrime(candidate)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isPrime(int k) {
        for (int d = 2; (long) d * d <= k; d++) {
            if (k % d == 0) {
                return false;
            }
        }
        return true;
    }
}
