package io.gipc.netty.properties;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * The seeds of the cases to run. Each run draws new ones (each case names its seed), unless a system property
 * fixes them:
 * <ul>
 *   <li>{@value #SEED_PROPERTY}: run this one seed only (to rerun a case that failed);</li>
 *   <li>{@value #BASE_PROPERTY}: draw the seeds from this number, to repeat a whole run;</li>
 *   <li>{@value #CASES_PROPERTY} and {@value #PROCESS_CASES_PROPERTY}: how many cases in one JVM and across
 *       processes.</li>
 * </ul>
 */
final class Seeds {
    static final String SEED_PROPERTY = "gipc.properties.seed";
    static final String BASE_PROPERTY = "gipc.properties.baseSeed";
    static final String CASES_PROPERTY = "gipc.properties.cases";
    static final String PROCESS_CASES_PROPERTY = "gipc.properties.processCases";

    private Seeds() {}

    /**
     * The seeds of one kind of case.
     *
     * @param countProperty the property that sets how many
     * @param defaultCount how many when it is not set
     * @return the seeds, non-negative, short enough to type
     */
    static LongStream draw(String countProperty, int defaultCount) {
        String one = System.getProperty(SEED_PROPERTY);
        if (one != null && !one.isBlank()) {
            return LongStream.of(Long.parseLong(one.trim()));
        }
        String base = System.getProperty(BASE_PROPERTY);
        SplittableRandom random = base != null && !base.isBlank()
                ? new SplittableRandom(Long.parseLong(base.trim()) ^ countProperty.hashCode())
                : new SplittableRandom();
        int count = Integer.getInteger(countProperty, defaultCount);
        return LongStream.generate(() -> random.nextLong() >>> 20).limit(count);
    }
}
