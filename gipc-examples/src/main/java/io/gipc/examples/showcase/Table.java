package io.gipc.examples.showcase;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A two-column text table with a border, for the showcase's report. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    /**
     * Adds a row.
     *
     * @param label the left cell
     * @param value the right cell
     * @return this
     */
    Table row(String label, String value) {
        rows.add(new String[] {label, value});
        return this;
    }

    /**
     * Prints the table, indented by two spaces.
     *
     * @param out where to
     */
    void print(PrintStream out) {
        int left = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int right = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        String border = "  +" + "-".repeat(left + 2) + "+" + "-".repeat(right + 2) + "+";
        out.println(border);
        for (String[] r : rows) {
            out.printf("  | %-" + left + "s | %-" + right + "s |%n", r[0], r[1]);
        }
        out.println(border);
    }
}
