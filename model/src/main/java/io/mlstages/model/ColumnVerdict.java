package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One column of a drift report. Numbers that are not finite are {@code null} in JSON and NaN here.
 *
 * @param name                   the column
 * @param type                   numeric, categorical or boolean
 * @param role                   feature, target, prediction or identifier
 * @param method                 the statistic, e.g. {@code ks}
 * @param score                  its value
 * @param threshold              the effect-size floor
 * @param pValue                 the p-value, or null where the method has none
 * @param alpha                  the significance level
 * @param drift                  whether the column drifted
 * @param significant            whether the p-value is below alpha
 * @param referenceCount         non-missing values in the reference
 * @param currentCount           non-missing values in the current data
 * @param referenceMissingRate   share of missing cells in the reference
 * @param currentMissingRate     the same in the current data
 * @param missingDrift           whether the change in missing rate is a drift signal
 * @param referenceNonFiniteRate share of NaN and infinite cells in the reference (NaN when not measured)
 * @param currentNonFiniteRate   the same in the current data
 * @param nonFiniteDrift         whether the change in non-finite share is a drift signal
 * @param exact                  computed from the exact values rather than sketches
 * @param note                   a short explanation, or null
 */
public record ColumnVerdict(@JsonProperty(required = true) String name, String type, String role, String method,
        double score, double threshold, Double pValue, double alpha, boolean drift, boolean significant,
        long referenceCount, long currentCount, double referenceMissingRate, double currentMissingRate,
        boolean missingDrift, double referenceNonFiniteRate, double currentNonFiniteRate, boolean nonFiniteDrift,
        boolean exact, String note) {
}
