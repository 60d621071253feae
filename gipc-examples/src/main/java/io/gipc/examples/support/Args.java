package io.gipc.examples.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The examples' command lines: {@code --name=value} options and {@code --flag}s; blank arguments are ignored,
 * so that an empty Maven property can be passed through.
 */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Args() {}

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @param known the option names accepted (without the leading dashes)
     * @return the parsed options
     * @throws IllegalArgumentException on an argument that is not an accepted option
     */
    public static Args parse(String[] args, String... known) {
        Args parsed = new Args();
        for (String raw : args) {
            String a = raw.trim();
            if (a.isEmpty()) {
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a + "; options look like --name=value");
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (!java.util.Arrays.asList(known).contains(name)) {
                throw new IllegalArgumentException(
                        "unknown option --" + name + "; known: --" + String.join(", --", known));
            }
            parsed.values.put(name, eq < 0 ? "true" : a.substring(eq + 1));
        }
        return parsed;
    }

    /**
     * A whole-number option.
     *
     * @param name its name
     * @param fallback the value when it is absent
     * @return the value
     */
    public long number(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + v);
        }
    }

    /**
     * A decimal option.
     *
     * @param name its name
     * @param fallback the value when it is absent
     * @return the value
     */
    public double decimal(String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + v);
        }
    }

    /**
     * A flag.
     *
     * @param name its name
     * @return true if it was given
     */
    public boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }
}
