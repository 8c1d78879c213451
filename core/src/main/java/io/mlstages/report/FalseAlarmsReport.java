package io.mlstages.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.drift.AlarmBudget;
import io.mlstages.drift.FalseAlarms;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link FalseAlarms} part of a drift report in every form (JSON, text, HTML, JUnit properties): which control
 * was used, each column's raw p and q-value under FDR control, and the false alarms the settings imply. Each
 * report writer makes one call here.
 */
public final class FalseAlarmsReport {
    private FalseAlarmsReport() {
    }

    /** Adds {@code "falseAlarms": {...}} to a report's JSON; nothing for a report that recorded none. */
    public static void putJson(final ObjectNode root, final FalseAlarms alarms) {
        if (!alarms.recorded()) {
            return;
        }
        ObjectNode node = root.putObject("falseAlarms");
        node.put("control", alarms.control().label());
        number(node, "level", alarms.level());
        if (alarms.budget() == null) {
            node.putNull("budget");
        }
        else {
            node.put("budget", alarms.budget().toString());
        }
        number(node, "budgetLevel", alarms.budgetLevel());
        node.put("tests", alarms.tests());
        number(node, "cutoff", alarms.cutoff());
        node.put("features", alarms.features());
        node.put("alarmAtDriftedFeatures", alarms.alarmAt());
        number(node, "falseAlarmProbabilityPerCheck", alarms.perCheck());
        if (alarms.cadence() == null) {
            node.putNull("cadence");
        }
        else {
            node.put("cadence", alarms.cadence().toString());
        }
        number(node, "checksPerMonth", alarms.checksPerMonth());
        number(node, "expectedFalseAlarmsPerMonth", alarms.perMonth());
        ArrayNode columns = node.putArray("columns");
        for (FalseAlarms.Column column : alarms.columns()) {
            ObjectNode item = columns.addObject();
            if (column.segment() == null) {
                item.putNull("segment");
            }
            else {
                item.put("segment", column.segment());
            }
            item.put("name", column.name());
            number(item, "pValue", column.pValue());
            number(item, "qValue", column.qValue());
            item.put("significant", column.significant());
            item.put("drift", column.drift());
        }
    }

    /** The part read back from a report's JSON; {@link FalseAlarms#none()} when the report has none. */
    public static FalseAlarms readJson(final JsonNode root) {
        JsonNode node = root.path("falseAlarms");
        if (!node.isObject()) {
            return FalseAlarms.none();
        }
        List<FalseAlarms.Column> columns = new ArrayList<>();
        for (JsonNode item : node.path("columns")) {
            columns.add(new FalseAlarms.Column(item.path("segment").isTextual() ? item.path("segment").asText() : null,
                    item.path("name").asText(), number(item, "pValue"), number(item, "qValue"),
                    item.path("significant").asBoolean(), item.path("drift").asBoolean()));
        }
        Duration cadence;
        try {
            cadence = node.path("cadence").isTextual() ? Duration.parse(node.path("cadence").asText()) : null;
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("falseAlarms.cadence is not an ISO-8601 duration: "
                    + e.getParsedString(), e);
        }
        return new FalseAlarms(FalseAlarms.Control.parse(node.path("control").asText()), number(node, "level"),
                node.path("budget").isTextual() ? AlarmBudget.parse(node.path("budget").asText()) : null,
                number(node, "budgetLevel"), node.path("tests").asInt(), number(node, "cutoff"),
                node.path("features").asInt(), node.path("alarmAtDriftedFeatures").asInt(),
                number(node, "falseAlarmProbabilityPerCheck"), cadence, number(node, "checksPerMonth"),
                number(node, "expectedFalseAlarmsPerMonth"), columns);
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
                .append(DriftHtml.escape(control(alarms))).append("</p>\n");
        if (!alarms.columns().isEmpty()) {
            html.append("<table id=\"fdr\">\n<thead><tr><th>Column</th><th>p-value</th><th>q-value</th>"
                    + "<th>Verdict</th></tr></thead>\n<tbody>\n");
            for (FalseAlarms.Column column : alarms.columns()) {
                html.append("<tr><td>").append(DriftHtml.escape((column.segment() == null ? ""
                        : column.segment() + " / ") + column.name())).append("</td><td>")
                        .append(DriftTable.formatP(column.pValue())).append("</td><td>")
                        .append(DriftTable.formatP(column.qValue())).append("</td><td>")
                        .append(column.drift() ? "drift" : column.significant() ? "significant, below floor"
                                : "not significant").append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("<p id=\"false-alarm-rate\">").append(DriftHtml.escape(implied(alarms))).append("</p>\n");
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

    private static void number(final ObjectNode node, final String field, final double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        }
        else {
            node.putNull(field);
        }
    }

    private static double number(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : Double.NaN;
    }
}
