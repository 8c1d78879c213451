package io.mlstages.drift;

import io.mlstages.data.BadRows;

import java.util.List;
import java.util.Objects;

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
 * @param badRows             the malformed rows that reading skipped ({@code --on-bad-rows skip}), none otherwise
 * @param multivariate        the domain classifier's verdict ({@code --multivariate}), or null when not asked for
 */
public record DriftReport(int schemaVersion, String reference, String current, long referenceRows,
        long currentRows, boolean datasetDrift, double driftShare, double driftShareThreshold,
        List<ColumnDrift> columns, BadRows badRows, MultivariateDrift multivariate) {

    /** The version of the report JSON this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public DriftReport {
        columns = List.copyOf(columns);
        Objects.requireNonNull(badRows, "badRows");
    }

    /** A report without the domain classifier. */
    public DriftReport(final int schemaVersion, final String reference, final String current,
            final long referenceRows, final long currentRows, final boolean datasetDrift, final double driftShare,
            final double driftShareThreshold, final List<ColumnDrift> columns, final BadRows badRows) {
        this(schemaVersion, reference, current, referenceRows, currentRows, datasetDrift, driftShare,
                driftShareThreshold, columns, badRows, null);
    }

    /** A report of data read without skipping rows. */
    public DriftReport(final int schemaVersion, final String reference, final String current,
            final long referenceRows, final long currentRows, final boolean datasetDrift, final double driftShare,
            final double driftShareThreshold, final List<ColumnDrift> columns) {
        this(schemaVersion, reference, current, referenceRows, currentRows, datasetDrift, driftShare,
                driftShareThreshold, columns, BadRows.none());
    }

    /** This report, listing the rows that reading skipped. */
    public DriftReport withBadRows(final BadRows value) {
        return new DriftReport(schemaVersion, reference, current, referenceRows, currentRows, datasetDrift,
                driftShare, driftShareThreshold, columns, value, multivariate);
    }

    /**
     * This report with the domain classifier's verdict; a multivariate drift makes the dataset drift (whatever
     * the share of drifted columns).
     */
    public DriftReport withMultivariate(final MultivariateDrift value) {
        return new DriftReport(schemaVersion, reference, current, referenceRows, currentRows,
                datasetDrift || value != null && value.drift(), driftShare, driftShareThreshold, columns, badRows,
                value);
    }

    /** The columns that drifted. */
    public List<ColumnDrift> drifted() {
        return columns.stream().filter(ColumnDrift::drift).toList();
    }
}
