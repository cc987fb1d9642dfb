package dev.cliproxy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets of issue 14, each with the value measured in this run and whether it was met; the sections add their
 * rows as they measure and the table closes the report.
 */
final class Targets {

    private record Row(String measure, String target, String measured, boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A target given as text, e.g. a count that must be complete. */
    void add(String measure, String target, String measured, boolean met) {
        rows.add(new Row(measure, target, measured, met));
    }

    void atMost(String measure, double limit, double measured, String unit) {
        add(measure, "<= " + number(limit) + unit, number(measured) + unit, measured <= limit);
    }

    void atLeast(String measure, double limit, double measured, String unit) {
        add(measure, ">= " + number(limit) + unit, number(measured) + unit, measured >= limit);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    void writeTo(Report report) {
        if (rows.isEmpty()) {
            return;
        }
        long met = rows.stream().filter(Row::met).count();
        report.line("\n## Issue 14 targets: %d of %d met", met, rows.size());
        report.line("| measure | target | measured | |");
        report.line("|---|---|---|---|");
        for (Row r : rows) {
            report.line("| %s | %s | %s | %s |", r.measure(), r.target(), r.measured(), r.met() ? "met" : "**missed**");
        }
    }
}
