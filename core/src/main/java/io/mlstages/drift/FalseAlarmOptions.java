package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Duration;

/**
 * How a check keeps its false alarms down (docs/drift.md, "Fewer false alarms").
 *
 * @param fdr     the false discovery rate q: columns are judged by Benjamini–Hochberg over the check's tests
 *                instead of each at alpha; null for the per-column alpha
 * @param cadence how often the check runs on a schedule, for the false alarms a month the settings imply; or null
 * @param budget  the false alarms a schedule may raise: the level (alpha, or q with {@code fdr}) is lowered until
 *                the implied rate fits, never raised; needs the cadence; or null
 */
public record FalseAlarmOptions(@CheckForNull Double fdr, @CheckForNull Duration cadence,
        @CheckForNull AlarmBudget budget) {
    /** Per-column alpha, no schedule, no budget. */
    public static final FalseAlarmOptions NONE = new FalseAlarmOptions(null, null, null);

    public FalseAlarmOptions {
        if (fdr != null) {
            DriftOptions.requireProbability("The false discovery rate (fdr)", fdr);
        }
        if (cadence != null && (cadence.isZero() || cadence.isNegative())) {
            throw new IllegalArgumentException("The check cadence must be positive, not " + cadence);
        }
        if (budget != null && cadence == null) {
            throw new IllegalArgumentException("An alarm budget (" + budget + ") needs the cadence of the checks, "
                    + "e.g. 1h: the false alarms a month depend on how many checks a month run");
        }
    }
}
