package io.gipc.testkit;

import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The time limit of a test or lifecycle method: from the nearest {@link GipcTest} that sets one, else from the
 * configuration parameter, else the default.
 */
final class TimeLimit {
    private TimeLimit() {}

    /**
     * The limit for what runs in a context.
     *
     * @param context the context of the method about to run
     * @return the limit; {@link Duration#ZERO} for none
     */
    static Duration of(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<AnnotatedElement> element = c.getElement();
            if (element.isPresent()) {
                Optional<GipcTest> a = AnnotationSupport.findAnnotation(element.get(), GipcTest.class);
                if (a.isPresent() && a.get().timeout() >= 0) {
                    return Duration.ofNanos(a.get().unit().toNanos(a.get().timeout()));
                }
            }
        }
        return context.getConfigurationParameter(GipcTestExtension.TIMEOUT_PARAMETER)
                .map(v -> isOff(v) ? Duration.ZERO : DurationParameter.parse(GipcTestExtension.TIMEOUT_PARAMETER, v))
                .orElse(GipcTestExtension.DEFAULT_TIMEOUT);
    }

    /**
     * How long children and descriptors get to settle after a test.
     *
     * @param context any context of the test
     * @return the configured time, or {@link GipcTestExtension#DEFAULT_SETTLE}
     */
    static Duration settle(ExtensionContext context) {
        return context.getConfigurationParameter(GipcTestExtension.SETTLE_PARAMETER)
                .map(v -> DurationParameter.parse(GipcTestExtension.SETTLE_PARAMETER, v))
                .orElse(GipcTestExtension.DEFAULT_SETTLE);
    }

    private static boolean isOff(String value) {
        String v = value.trim();
        return v.equalsIgnoreCase("off") || v.equalsIgnoreCase("none");
    }

    /**
     * A duration as a person reads it.
     *
     * @param d the duration
     * @return e.g. {@code 2 s}, {@code 1500 ms}
     */
    static String format(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
