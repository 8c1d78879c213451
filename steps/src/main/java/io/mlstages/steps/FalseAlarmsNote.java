package io.mlstages.steps;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * The build page's line on a drift report's {@code falseAlarms} part: which control judged the columns and, when
 * the check runs on a schedule, the false alarms a month its settings imply (docs/drift.md, "Fewer false alarms").
 */
final class FalseAlarmsNote {
    private FalseAlarmsNote() {
    }

    /** The line, or empty when the report has no such part (written before it existed). */
    static String of(final JsonNode root) {
        JsonNode node = root.path("falseAlarms");
        if (!node.isObject() || !node.path("level").isNumber()) {
            return "";
        }
        double level = node.path("level").doubleValue();
        String control = "fdr".equals(node.path("control").asText())
                ? "Columns judged together: false discovery rate q " + figure(level) + " over "
                        + node.path("tests").asInt() + " columns"
                : "Columns judged each at alpha " + figure(level);
        String budget = node.path("budget").isTextual() ? " (alarm budget " + node.path("budget").asText() + ")" : "";
        JsonNode perMonth = node.path("expectedFalseAlarmsPerMonth");
        String rate = perMonth.isNumber() ? "; expected false alarms per month under no drift: "
                + figure(perMonth.doubleValue()) + " (independent columns assumed)" : "";
        return control + budget + rate;
    }

    private static String figure(final double value) {
        return value != 0 && Math.abs(value) < 1e-3 ? String.format(Locale.ROOT, "%.2e", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
