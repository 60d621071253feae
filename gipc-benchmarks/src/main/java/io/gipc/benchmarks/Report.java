package io.gipc.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints results as Markdown tables, so that a run can be pasted into docs/benchmarks.md as it is. */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** A table of variants: median, minimum and maximum of one figure each. */
    final class Figures {
        private final List<String> rows = new ArrayList<>();

        Figures(String title, String unit, boolean withCount) {
            line("");
            line("#### " + title);
            line("");
            line("| variant |" + (withCount ? " N per run |" : "") + " median " + unit + " | min | max |");
            line("| --- |" + (withCount ? " ---: |" : "") + " ---: | ---: | ---: |");
        }

        void row(String variant, long count, double[] values) {
            String c = count > 0 ? " " + count + " |" : "";
            line("| " + variant + " |" + c + " " + number(Stats.median(values)) + " | " + number(Stats.min(values))
                    + " | " + number(Stats.max(values)) + " |");
        }
    }

    /** A table of per-round ratios between two variants. */
    final class Ratios {
        Ratios() {
            line("");
            line("| ratio (per round, same round) | median | min | max |");
            line("| --- | ---: | ---: | ---: |");
        }

        void row(String what, double[] ratios) {
            line("| " + what + " | " + ratio(Stats.median(ratios)) + " | " + ratio(Stats.min(ratios)) + " | "
                    + ratio(Stats.max(ratios)) + " |");
        }
    }

    /** Three significant digits, thousands grouped. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            double scale = Math.pow(10, Math.floor(Math.log10(a)) - 2);
            return String.format(Locale.ROOT, "%,.0f", Math.round(v / scale) * scale);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
