package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.drift.AlarmBudget;
import io.mlstages.drift.FalseAlarms;
import io.mlstages.model.FalseAlarmFigures;
import io.mlstages.model.Html;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link FalseAlarms} part of a drift report in every form (the model's {@link FalseAlarmFigures} for JSON, text,
 * HTML, JUnit properties): which control
 * was used, each column's raw p and q-value under FDR control, and the false alarms the settings imply. Each
 * report writer makes one call here.
 */
public final class FalseAlarmsReport {
    private FalseAlarmsReport() {
    }

    /** The model's {@code falseAlarms} of a report, or null for a report that recorded none. */
    @CheckForNull
    static FalseAlarmFigures figures(final FalseAlarms alarms) {
        if (!alarms.recorded()) {
            return null;
        }
        AlarmBudget budget = alarms.budget();
        Duration cadence = alarms.cadence();
        return new FalseAlarmFigures(alarms.control().label(), alarms.level(),
                budget == null ? null : budget.toString(), alarms.budgetLevel(), alarms.tests(),
                alarms.cutoff(), alarms.features(), alarms.alarmAt(), alarms.perCheck(),
                cadence == null ? null : cadence.toString(), alarms.checksPerMonth(),
                alarms.perMonth(), alarms.columns().stream().map(c -> new FalseAlarmFigures.Column(c.segment(),
                        c.name(), c.pValue(), c.qValue(), c.significant(), c.drift())).toList());
    }

    /**
     * The engine's figures of a report's {@code falseAlarms}; {@link FalseAlarms#none()} when it has none.
     *
     * @throws IllegalArgumentException when the control, budget or cadence is not one this build reads
     */
    static FalseAlarms alarms(@CheckForNull final FalseAlarmFigures figures) {
        if (figures == null) {
            return FalseAlarms.none();
        }
        Duration cadence;
        try {
            cadence = figures.cadence() == null ? null : Duration.parse(figures.cadence());
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("falseAlarms.cadence is not an ISO-8601 duration: "
                    + e.getParsedString(), e);
        }
        return new FalseAlarms(FalseAlarms.Control.parse(String.valueOf(figures.control())), figures.level(),
                figures.budget() == null ? null : AlarmBudget.parse(figures.budget()), figures.budgetLevel(),
                figures.tests(), figures.cutoff(), figures.features(), figures.alarmAtDriftedFeatures(),
                figures.falseAlarmProbabilityPerCheck(), cadence, figures.checksPerMonth(),
                figures.expectedFalseAlarmsPerMonth(), figures.columns().stream()
                        .map(c -> new FalseAlarms.Column(c.segment(), String.valueOf(c.name()), c.pValue(),
                                c.qValue(), c.significant(), c.drift())).toList());
    }

    /** The plain-text section (after a blank line), or empty for a report that recorded none. */
    public static String text(final FalseAlarms alarms) {
        if (!alarms.recorded()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n").append(control(alarms)).append('\n');
        if (!alarms.columns().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"column", "p-value", "q-value", "verdict"});
            for (FalseAlarms.Column column : alarms.columns()) {
                rows.add(new String[] {DriftTable.printable((column.segment() == null ? "" : column.segment() + " / ")
                        + column.name()), DriftTable.formatP(column.pValue()), DriftTable.formatP(column.qValue()),
                    column.drift() ? "DRIFT" : column.significant() ? "significant, below floor" : "not significant"});
            }
            int[] widths = new int[4];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
                }
            }
            for (String[] row : rows) {
                text.append("  ");
                for (int i = 0; i < row.length; i++) {
                    text.append(row[i]);
                    if (i < row.length - 1) {
                        text.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
                    }
                }
                text.append('\n');
            }
        }
        return text.append(implied(alarms)).append('\n').toString();
    }

    /** Appends the HTML section, every text escaped; nothing for a report that recorded none. */
    public static void html(final StringBuilder html, final FalseAlarms alarms) {
        if (!alarms.recorded()) {
            return;
        }
        html.append("<h2>False alarms</h2>\n<p id=\"false-alarm-control\">")
                .append(Html.escape(control(alarms))).append("</p>\n");
        if (!alarms.columns().isEmpty()) {
            html.append("<table id=\"fdr\">\n<thead><tr><th>Column</th><th>p-value</th><th>q-value</th>"
                    + "<th>Verdict</th></tr></thead>\n<tbody>\n");
            for (FalseAlarms.Column column : alarms.columns()) {
                html.append("<tr><td>").append(Html.escape((column.segment() == null ? ""
                        : column.segment() + " / ") + column.name())).append("</td><td>")
                        .append(DriftTable.formatP(column.pValue())).append("</td><td>")
                        .append(DriftTable.formatP(column.qValue())).append("</td><td>")
                        .append(column.drift() ? "drift" : column.significant() ? "significant, below floor"
                                : "not significant").append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("<p id=\"false-alarm-rate\">").append(Html.escape(implied(alarms))).append("</p>\n");
    }

    /** Adds the figures to a JUnit suite's properties. */
    public static void properties(final Map<String, String> properties, final FalseAlarms alarms) {
        if (!alarms.recorded()) {
            return;
        }
        properties.put("falseAlarmControl", alarms.control().label());
        properties.put("falseAlarmLevel", String.valueOf(alarms.level()));
        properties.put("falseAlarmProbabilityPerCheck", String.valueOf(alarms.perCheck()));
        if (alarms.cadence() != null) {
            properties.put("expectedFalseAlarmsPerMonth", String.valueOf(alarms.perMonth()));
        }
    }

    /** Which control, at which level, e.g. "Benjamini-Hochberg false discovery rate q 0.05 over 19 tests ...". */
    static String control(final FalseAlarms alarms) {
        String budget = alarms.budget() == null ? "" : "; alarm budget " + alarms.budget() + " allows "
                + (alarms.control() == FalseAlarms.Control.FDR ? "q " : "alpha ") + figure(alarms.budgetLevel());
        if (alarms.control() == FalseAlarms.Control.FDR) {
            return "False alarms: Benjamini-Hochberg false discovery rate q " + figure(alarms.level()) + " over "
                    + alarms.tests() + " tested " + (alarms.tests() == 1 ? "column" : "columns")
                    + " (a p-value had to be below " + figure(alarms.cutoff()) + ")" + budget;
        }
        return "False alarms: alpha " + figure(alarms.level()) + " per column, " + alarms.tests() + " tested "
                + (alarms.tests() == 1 ? "column" : "columns") + budget;
    }

    /** What the settings imply under no drift. */
    static String implied(final FalseAlarms alarms) {
        String perCheck = "Under no drift (independent columns, floors ignored): false-alarm probability per check "
                + figure(alarms.perCheck()) + " (dataset drift needs " + alarms.alarmAt() + " of " + alarms.features()
                + " features)";
        if (alarms.cadence() == null) {
            return perCheck + "; give the cadence for the false alarms a month";
        }
        return perCheck + "; a check every " + cadence(alarms.cadence()) + " runs " + figure(alarms.checksPerMonth())
                + " a month: expected false alarms per month under no drift " + figure(alarms.perMonth());
    }

    private static String cadence(final Duration cadence) {
        return cadence.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** Three significant digits, small values in scientific notation. */
    static String figure(final double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value != 0 && Math.abs(value) < 1e-3 ? String.format(Locale.ROOT, "%.2e", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
