package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ColumnType;

/**
 * The drift verdict for one column.
 *
 * @param name                   the column
 * @param type                   its type
 * @param role                   feature, target or prediction
 * @param method                 the statistic used
 * @param score                  its value (larger means more change)
 * @param threshold              the effect-size floor the score must reach to count as drift
 * @param pValue                 the significance test's p-value, or null where none applies
 * @param alpha                  the significance level the p-value must fall below
 * @param drift                  true when the column drifted: significant and at or above the threshold
 *                               (or its missing rate or its non-finite share drifted)
 * @param referenceCount         non-missing values in the reference
 * @param currentCount           non-missing values in the current data
 * @param referenceMissingRate   share of missing cells in the reference
 * @param currentMissingRate     share of missing cells in the current data
 * @param missingDrift           true when the change in missing rate is itself a drift signal
 * @param referenceNonFiniteRate share of cells holding NaN, +Infinity or -Infinity in the reference (numeric
 *                               columns; NaN for other types and for reports written before it was measured)
 * @param currentNonFiniteRate   the same share in the current data
 * @param nonFiniteDrift         true when the change in non-finite share is itself a drift signal
 * @param exact                  true when computed from the exact values, false when from sketches
 * @param note                   a short human explanation (e.g. "significant but below the floor"), or null
 */
public record ColumnDrift(String name, ColumnType type, Role role, DriftMethod method, double score,
        double threshold, @CheckForNull Double pValue, double alpha, boolean drift, long referenceCount, long currentCount,
        double referenceMissingRate, double currentMissingRate, boolean missingDrift, double referenceNonFiniteRate,
        double currentNonFiniteRate, boolean nonFiniteDrift, boolean exact, @CheckForNull String note) {

    /** A verdict without non-finite shares (not applicable, or not known), as reports before they existed. */
    public ColumnDrift(final String name, final ColumnType type, final Role role, final DriftMethod method,
            final double score, final double threshold, @CheckForNull final Double pValue, final double alpha, final boolean drift,
            final long referenceCount, final long currentCount, final double referenceMissingRate,
            final double currentMissingRate, final boolean missingDrift, final boolean exact,
            @CheckForNull final String note) {
        this(name, type, role, method, score, threshold, pValue, alpha, drift, referenceCount, currentCount,
                referenceMissingRate, currentMissingRate, missingDrift, Double.NaN, Double.NaN, false, exact, note);
    }

    /** Whether the change is statistically significant: a test applied and its p-value is below alpha. */
    public boolean significant() {
        return pValue != null && pValue < alpha;
    }
}
