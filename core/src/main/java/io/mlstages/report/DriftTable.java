package io.mlstages.report;

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
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"column", "type", "role", "method", "score", "threshold", "p-value", "missing ref→cur",
            "verdict"});
        for (ColumnDrift column : report.columns()) {
            rows.add(new String[] {
                printable(column.name()),
                column.type().label(),
                column.role() == Role.FEATURE ? "" : column.role().name().toLowerCase(Locale.ROOT),
                column.method().label() + (column.exact() ? "" : "*"),
                format(column.score()),
                format(column.threshold()),
                column.pValue() == null ? "-" : formatP(column.pValue()),
                percent(column.referenceMissingRate()) + "→" + percent(column.currentMissingRate()),
                column.role() == Role.IDENTIFIER ? "not compared (identifier)"
                        : column.drift() ? "DRIFT" + (column.missingDrift() ? " (missing)" : "")
                        : column.significant() ? "change below floor" : "ok"
            });
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(report.datasetDrift() ? "DATASET DRIFT" : "No dataset drift")
                .append(": ").append(report.drifted().stream().filter(c -> c.role() == Role.FEATURE).count())
                .append(" of ").append(report.columns().stream().filter(c -> c.role() == Role.FEATURE).count())
                .append(" feature columns drifted (share ").append(format(report.driftShare()))
                .append(", threshold ").append(format(report.driftShareThreshold())).append(")\n");
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
        return text.toString();
    }

    /** A one-line verdict for a column, e.g. for a JUnit failure message. */
    static String verdict(final ColumnDrift column) {
        if (column.missingDrift()) {
            return "missing rate changed from " + percent(column.referenceMissingRate()) + " to "
                    + percent(column.currentMissingRate());
        }
        return column.method().label() + " " + format(column.score()) + " >= " + format(column.threshold())
                + (column.pValue() == null ? "" : ", p-value " + formatP(column.pValue()));
    }

    /** Every figure of a column, one per line. */
    static String details(final ColumnDrift column) {
        return "type: " + column.type().label() + "\nmethod: " + column.method().label()
                + "\nscore: " + format(column.score()) + "\nthreshold: " + format(column.threshold())
                + "\np-value: " + (column.pValue() == null ? "none" : formatP(column.pValue()))
                + "\nalpha: " + format(column.alpha())
                + "\nmissing rate: " + percent(column.referenceMissingRate()) + " -> "
                + percent(column.currentMissingRate())
                + "\nvalues: " + column.referenceCount() + " reference, " + column.currentCount() + " current"
                + "\ncomputed: " + (column.exact() ? "exactly" : "from sketches")
                + (column.note() == null ? "" : "\nnote: " + column.note()) + "\n";
    }

    static String format(final double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.4f", value);
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
