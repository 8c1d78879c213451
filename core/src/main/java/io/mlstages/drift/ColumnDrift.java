package io.mlstages.drift;

import io.mlstages.data.ColumnType;

/**
 * The drift verdict for one column.
 *
 * @param name                 the column
 * @param type                 its type
 * @param role                 feature, target or prediction
 * @param method               the statistic used
 * @param score                its value (larger means more change)
 * @param threshold            the effect-size floor the score must reach to count as drift
 * @param pValue               the significance test's p-value, or null where none applies
 * @param alpha                the significance level the p-value must fall below
 * @param drift                true when the column drifted: significant and at or above the threshold
 *                             (or its missing rate drifted)
 * @param referenceCount       non-missing values in the reference
 * @param currentCount         non-missing values in the current data
 * @param referenceMissingRate share of missing cells in the reference
 * @param currentMissingRate   share of missing cells in the current data
 * @param missingDrift         true when the change in missing rate is itself a drift signal
 * @param exact                true when computed from the exact values, false when from sketches
 * @param note                 a short human explanation (e.g. "significant but below the floor"), or null
 */
public record ColumnDrift(String name, ColumnType type, Role role, DriftMethod method, double score,
        double threshold, Double pValue, double alpha, boolean drift, long referenceCount, long currentCount,
        double referenceMissingRate, double currentMissingRate, boolean missingDrift, boolean exact,
        String note) {

    /** Whether the change is statistically significant: a test applied and its p-value is below alpha. */
    public boolean significant() {
        return pValue != null && pValue < alpha;
    }
}
