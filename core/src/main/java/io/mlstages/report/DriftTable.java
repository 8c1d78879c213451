package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.BadRows;

import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plain-text form of a {@link DriftReport}: a verdict line and one table row per column. */
public final class DriftTable {
    private static final int MAX_NAME = 32;

    private DriftTable() {
    }

    /** The table, ending with a newline. Control characters in column names are shown as '?'. */
    public static String toText(final DriftReport report) {
        // the non-finite column appears only when a column has such values, so the usual table stays narrow
        boolean nonFinite = report.columns().stream().anyMatch(DriftTable::hasNonFinite);
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("column", "type", "role", "method", "score", "threshold",
                "p-value", "missing ref→cur"));
        if (nonFinite) {
            header.add("non-finite ref→cur");
        }
        header.add("verdict");
        rows.add(header.toArray(String[]::new));
        for (ColumnDrift column : report.columns()) {
            List<String> row = new ArrayList<>(List.of(
                printable(column.name()),
                column.type().label(),
                column.role() == Role.FEATURE ? "" : column.role().name().toLowerCase(Locale.ROOT),
                column.method().label() + (column.exact() ? "" : "*"),
                format(column.score()),
                format(column.threshold()),
                formatP(column.pValue(), "-"),
                percent(column.referenceMissingRate()) + "→" + percent(column.currentMissingRate())));
            if (nonFinite) {
                row.add(percent(column.referenceNonFiniteRate()) + "→" + percent(column.currentNonFiniteRate()));
            }
            row.add(column.role() == Role.IDENTIFIER ? "not compared (identifier)"
                        : column.drift() ? "DRIFT" + signals(column, " (missing)", " (non-finite)")
                        : column.significant() ? "change below floor" : "ok");
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(report.datasetDrift() ? "DATASET DRIFT" + SegmentReports.headline(report) : "No dataset drift")
                .append(": ").append(report.drifted().stream().filter(c -> c.role() == Role.FEATURE).count())
                .append(" of ").append(report.columns().stream().filter(c -> c.role() == Role.FEATURE).count())
                .append(" feature columns drifted (share ").append(format(report.driftShare()))
                .append(", threshold ").append(format(report.driftShareThreshold())).append(")\n");
        if (report.constraints().violated()) {
            // a finding without drift too: the first line must not leave "no drift" as the whole story
            text.append("CONSTRAINTS VIOLATED: ").append(report.constraints().failed().size()).append(" of ")
                    .append(report.constraints().checks().size()).append(" (listed below)\n");
        }
        text.append("reference: ").append(clean(report.reference())).append(" (")
                .append(report.referenceRows()).append(" rows)\n");
        text.append("current:   ").append(clean(report.current())).append(" (")
                .append(report.currentRows()).append(" rows)\n\n");
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.append(row[i]);
                if (i < row.length - 1) {
                    text.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
                }
            }
            text.append('\n');
        }
        if (report.columns().stream().anyMatch(c -> !c.exact())) {
            text.append("\n* computed from quantile sketches (large samples); exact otherwise\n");
        }
        text.append(FalseAlarmsReport.text(report.falseAlarms()));
        text.append(SegmentReports.text(report));
        text.append(MultivariateReport.text(report));
        text.append(badRows(report.badRows()));
        text.append(ConstraintReport.text(report.constraints()));
        return text.toString();
    }

    /**
     * The rows that reading skipped, one per line ({@code file:line[:column]: problem}), after a blank line; empty
     * when none were.
     */
    public static String badRows(final BadRows bad) {
        if (!bad.any()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\nSkipped ").append(bad.total())
                .append(bad.total() == 1 ? " malformed row" : " malformed rows")
                .append(bad.unlisted() > 0 ? " (the first " + bad.rows().size() + " listed)" : "").append(":\n");
        for (BadRows.Row row : bad.rows()) {
            text.append("  ").append(clean(row.toString())).append('\n');
        }
        return text.toString();
    }

    /** A one-line verdict for a column, e.g. for a JUnit failure message. */
    static String verdict(final ColumnDrift column) {
        List<String> parts = new ArrayList<>();
        if (column.missingDrift()) {
            parts.add("missing rate changed from " + percent(column.referenceMissingRate()) + " to "
                    + percent(column.currentMissingRate()));
        }
        if (column.nonFiniteDrift()) {
            parts.add(nonFiniteChange(column));
        }
        if (!parts.isEmpty()) {
            return String.join("; ", parts);
        }
        return column.method().label() + " " + format(column.score()) + " >= " + format(column.threshold())
                + (column.pValue() == null ? "" : ", p-value " + formatP(column.pValue(), ""));
    }

    /** Every figure of a column, one per line. */
    static String details(final ColumnDrift column) {
        return "type: " + column.type().label() + "\nmethod: " + column.method().label()
                + "\nscore: " + format(column.score()) + "\nthreshold: " + format(column.threshold())
                + "\np-value: " + formatP(column.pValue(), "none")
                + "\nalpha: " + format(column.alpha())
                + "\nmissing rate: " + percent(column.referenceMissingRate()) + " -> "
                + percent(column.currentMissingRate())
                + (Double.isNaN(column.referenceNonFiniteRate()) ? "" : "\nnon-finite share (NaN, +Infinity, "
                        + "-Infinity): " + percent(column.referenceNonFiniteRate()) + " -> "
                        + percent(column.currentNonFiniteRate()))
                + "\nvalues: " + column.referenceCount() + " reference, " + column.currentCount() + " current"
                + "\ncomputed: " + (column.exact() ? "exactly" : "from sketches")
                + (column.note() == null ? "" : "\nnote: " + column.note()) + "\n";
    }

    /** Whether a column holds NaN or infinite values on either side. */
    static boolean hasNonFinite(final ColumnDrift column) {
        return column.referenceNonFiniteRate() > 0 || column.currentNonFiniteRate() > 0;
    }

    /** The non-finite share's change, as a verdict. */
    static String nonFiniteChange(final ColumnDrift column) {
        return "non-finite share (NaN, +Infinity, -Infinity) changed from "
                + percent(column.referenceNonFiniteRate()) + " to " + percent(column.currentNonFiniteRate());
    }

    /** Which rate signals made a drifted column drift, e.g. " (missing, non-finite)"; empty when neither did. */
    static String signals(final ColumnDrift column, final String missing, final String nonFinite) {
        if (column.missingDrift() && column.nonFiniteDrift()) {
            return missing.substring(0, missing.length() - 1) + ", " + nonFinite.substring(2);
        }
        return column.missingDrift() ? missing : column.nonFiniteDrift() ? nonFinite : "";
    }

    /** A number as {@link #format(double)} writes it, or {@code none} where there is none. */
    static String format(@CheckForNull final Double value, final String none) {
        return value == null ? none : format(value.doubleValue());
    }

    static String format(final double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A p-value as {@link #formatP(double)} does, or {@code none} where no test applied. */
    static String formatP(@CheckForNull final Double value, final String none) {
        return value == null ? none : formatP(value.doubleValue());
    }

    static String formatP(final double value) {
        return value != 0 && value < 1e-4 ? String.format(Locale.ROOT, "%.2e", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    static String percent(final double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }

    /** Replaces control characters, which could move a terminal's cursor or hide text, by '?'. */
    static String clean(final String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** Keeps a terminal safe from control characters in data, and tables narrow. */
    static String printable(final String text) {
        String value = clean(text);
        return value.codePointCount(0, value.length()) > MAX_NAME
                ? value.substring(0, value.offsetByCodePoints(0, MAX_NAME - 1)) + "…" : value;
    }
}
