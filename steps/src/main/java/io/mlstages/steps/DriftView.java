package io.mlstages.steps;

import java.util.List;

/**
 * A drift report as the build page shows it, read from the report JSON that {@code mlstages check} or
 * {@code mlstages drift} wrote. Numbers are formatted here (tested), so that the Jelly views only print strings.
 *
 * @param datasetDrift whether the dataset drifted
 * @param driftShare   the share of drifted feature columns
 * @param threshold    the share that makes dataset drift
 * @param reference    what was compared with (a path or model@alias)
 * @param current      the current data
 * @param referenceRows rows in the reference
 * @param currentRows  rows in the current data
 * @param columns      every column, drifted ones first, then by score
 */
public record DriftView(boolean datasetDrift, double driftShare, double threshold, String reference, String current,
        long referenceRows, long currentRows, List<Column> columns) {

    /**
     * One column's row of the report.
     *
     * @param name                 the column
     * @param type                 numeric, categorical or boolean
     * @param role                 feature, target, prediction or identifier
     * @param method               the statistic
     * @param score                its value, formatted
     * @param threshold            the effect-size floor, formatted
     * @param pValue               the p-value formatted, or empty when the method has none
     * @param drift                whether the column drifted
     * @param referenceMissingRate formatted as a percentage
     * @param currentMissingRate   formatted as a percentage
     * @param note                 a remark (e.g. pooled categories), or empty
     */
    public record Column(String name, String type, String role, String method, String score, String threshold,
            String pValue, boolean drift, String referenceMissingRate, String currentMissingRate, String note) {
    }

    /**
     * Reads a drift report JSON.
     *
     * @param json   the content
     * @param source its file name, for errors
     * @throws StepException naming the source and the field when it is not a drift report
     */
    public static DriftView parse(final String json, final String source) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The drifted columns, highest score first, at most {@code n}. */
    public List<Column> topDrifted(final int n) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The drift share as a percentage, e.g. {@code 60%}. */
    public String driftSharePercent() {
        throw new UnsupportedOperationException("not yet");
    }
}
