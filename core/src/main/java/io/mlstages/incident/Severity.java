package io.mlstages.incident;

import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;


/**
 * How large a drift is. {@link #of(DriftReport)} grades two things on the same four steps and takes the rounded-up
 * mean of the two grades, so that neither many slightly drifted columns nor one wildly drifted column alone makes an
 * incident critical:
 * <ul>
 *     <li>breadth, the share of drifted feature columns: below 0.25 low, below 0.5 medium, below 0.75 high, else
 *     critical;</li>
 *     <li>strength, the median over the drifted feature columns of score / threshold (how many times the effect-size
 *     floor the change is): below 1.5 low, below 3 medium, below 6 high, else critical.</li>
 * </ul>
 */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The severity of a drift report, by the rule above; {@link #LOW} when no feature column drifted. */
    public static Severity of(final DriftReport report) {
        double[] ratios = report.columns().stream().filter(c -> c.role() == Role.FEATURE && c.drift())
                .mapToDouble(Severity::ratio).sorted().toArray();
        if (ratios.length == 0) {
            return LOW;
        }
        int breadth = grade(report.driftShare(), 0.25, 0.5, 0.75);
        int strength = grade(median(ratios), 1.5, 3, 6);
        return values()[(breadth + strength + 1) / 2];
    }

    /** Whether this is more severe than {@code other}. */
    public boolean above(final Severity other) {
        return compareTo(other) > 0;
    }

    private static double ratio(final ColumnDrift column) {
        // a column drifted by its missing rate alone may score below its floor: it still counts as a plain drift
        if (!(column.threshold() > 0) || !Double.isFinite(column.score())) {
            return 1;
        }
        return Math.max(1, column.score() / column.threshold());
    }

    private static double median(final double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int grade(final double value, final double... steps) {
        int grade = 0;
        for (double step : steps) {
            if (value >= step) {
                grade++;
            }
        }
        return grade;
    }

    static Severity max(final Severity a, final Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
