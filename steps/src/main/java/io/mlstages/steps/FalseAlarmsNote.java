package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.FalseAlarmFigures;

import java.util.Locale;

/**
 * The build page's line on a drift report's {@code falseAlarms} part: which control judged the columns and, when
 * the check runs on a schedule, the false alarms a month its settings imply (docs/drift.md, "Fewer false alarms").
 */
final class FalseAlarmsNote {
    private FalseAlarmsNote() {
    }

    /** The line, or empty when the report has no such part (written before it existed). */
    static String of(@CheckForNull final FalseAlarmFigures figures) {
        if (figures == null || Double.isNaN(figures.level())) {
            return "";
        }
        String control = "fdr".equals(figures.control())
                ? "Columns judged together: false discovery rate q " + figure(figures.level()) + " over "
                        + figures.tests() + " columns"
                : "Columns judged each at alpha " + figure(figures.level());
        String budget = figures.budget() == null ? "" : " (alarm budget " + figures.budget() + ")";
        double perMonth = figures.expectedFalseAlarmsPerMonth();
        String rate = Double.isNaN(perMonth) ? "" : "; expected false alarms per month under no drift: "
                + figure(perMonth) + " (independent columns assumed)";
        return control + budget + rate;
    }

    private static String figure(final double value) {
        return value != 0 && Math.abs(value) < 1e-3 ? String.format(Locale.ROOT, "%.2e", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
