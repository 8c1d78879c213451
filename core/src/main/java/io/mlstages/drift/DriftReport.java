package io.mlstages.drift;

import java.util.List;

/**
 * The result of comparing current data with a reference.
 *
 * @param schemaVersion       the JSON schema version ({@link #SCHEMA_VERSION})
 * @param reference           what the reference was (a file or a profile)
 * @param current             what the current data was
 * @param referenceRows       rows in the reference
 * @param currentRows         rows in the current data
 * @param datasetDrift        true when the share of drifted feature columns reached the threshold
 * @param driftShare          the share of feature columns that drifted
 * @param driftShareThreshold the share at which the dataset counts as drifted
 * @param columns             one verdict per column, features first, then target and prediction
 */
public record DriftReport(int schemaVersion, String reference, String current, long referenceRows,
        long currentRows, boolean datasetDrift, double driftShare, double driftShareThreshold,
        List<ColumnDrift> columns) {

    /** The version of the report JSON this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public DriftReport {
        columns = List.copyOf(columns);
    }

    /** The columns that drifted. */
    public List<ColumnDrift> drifted() {
        return columns.stream().filter(ColumnDrift::drift).toList();
    }
}
