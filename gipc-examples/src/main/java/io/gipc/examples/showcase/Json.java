package io.gipc.examples.showcase;

import java.util.Locale;
import java.util.Map;

/** Just enough JSON writing for the server's small answers. */
final class Json {
    private final StringBuilder out = new StringBuilder("{");

    /**
     * Adds a field.
     *
     * @param name the field's name
     * @param value a string, a number, a boolean, a map (written as an object) or null
     * @return this
     */
    Json field(String name, Object value) {
        if (out.length() > 1) {
            out.append(',');
        }
        string(name);
        out.append(':');
        value(value);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    private void value(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Double || value instanceof Float) {
            out.append(String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue()));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map) {
            Json inner = new Json();
            ((Map<?, ?>) value).forEach((k, v) -> inner.field(String.valueOf(k), v));
            out.append(inner);
        } else {
            string(value.toString());
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
