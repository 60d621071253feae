package io.gipc.examples.showcase;

import java.util.Arrays;

/**
 * A thread-safe list of durations in nanoseconds, with percentiles. It keeps every sample: a run of the
 * showcase records a few thousand.
 */
public final class Samples {
    private long[] values = new long[256];
    private int size;

    /**
     * Adds a sample.
     *
     * @param nanos a duration
     */
    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /**
     * How many samples there are.
     *
     * @return the count
     */
    public synchronized int count() {
        return size;
    }

    /**
     * The sum of the samples.
     *
     * @return the total in nanoseconds
     */
    public synchronized long total() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum;
    }

    /**
     * A percentile, by the nearest-rank method.
     *
     * @param p between 0 and 100
     * @return the smallest sample such that p percent of the samples are at most it; 0 without samples
     */
    public synchronized long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    /**
     * The largest sample.
     *
     * @return it, or 0 without samples
     */
    public long max() {
        return percentile(100);
    }
}
