package io.gipc.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration from a configuration parameter in JUnit's timeout format: a number, then optionally a unit
 * ({@code ns}, {@code μs} or {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}; seconds when
 * none), as in {@code "30 s"} or {@code "500ms"}.
 */
final class DurationParameter {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ns|μs|us|ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private DurationParameter() {}

    /**
     * Parses a value.
     *
     * @param name the parameter, for the message
     * @param value the value
     * @return the duration
     * @throws IllegalArgumentException naming the parameter and the format if the value does not match it
     */
    static Duration parse(String name, String value) {
        Matcher m = FORMAT.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("configuration parameter " + name + " = '" + value + "' is not a"
                    + " duration such as '30 s', '500 ms' or '2 m' (units: ns, us, ms, s, m, h, d; s if none)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        switch (unit) {
            case "ns":
                return Duration.ofNanos(n);
            case "μs":
            case "us":
                return Duration.ofNanos(Math.multiplyExact(n, 1000L));
            case "ms":
                return Duration.ofMillis(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                return Duration.ofSeconds(n);
        }
    }
}
