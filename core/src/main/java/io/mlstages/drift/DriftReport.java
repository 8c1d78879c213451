package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.BadRows;
import io.mlstages.data.ConstraintViolations;

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
 * @param datasetDrift        true when the share of drifted feature columns reached the threshold, when any
 *                            segment drifted (a check with {@code --segment}), or when the domain classifier
 *                            separated the two ({@code --multivariate})
 * @param driftShare          the share of feature columns that drifted
 * @param driftShareThreshold the share at which the dataset counts as drifted
 * @param columns             one verdict per column, features first, then target and prediction
 * @param badRows             the malformed rows that reading skipped ({@code --on-bad-rows skip}), none otherwise
 * @param falseAlarms         per-column alpha or FDR control, and the false alarms the settings imply
 * @param constraints         the current data checked against its schema's constraints (none without them)
 * @param segments            one verdict per segment, worst first ({@code --segment}); empty without segments
 * @param multivariate        the domain classifier's verdict ({@code --multivariate}), or null when not asked for
 */
public record DriftReport(int schemaVersion, String reference, String current, long referenceRows,
        long currentRows, boolean datasetDrift, double driftShare, double driftShareThreshold,
        List<ColumnDrift> columns, BadRows badRows, FalseAlarms falseAlarms, ConstraintViolations constraints,
        List<SegmentDrift> segments, @CheckForNull MultivariateDrift multivariate) {

    /** The version of the report JSON this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public DriftReport {
        columns = List.copyOf(columns);
        Objects.requireNonNull(badRows, "badRows");
        falseAlarms = falseAlarms == null ? FalseAlarms.none() : falseAlarms;
        constraints = constraints == null ? ConstraintViolations.none() : constraints;
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** A report of the per-column check alone (no false-alarm figures, constraints, segments or classifier). */
    public DriftReport(final int schemaVersion, final String reference, final String current,
            final long referenceRows, final long currentRows, final boolean datasetDrift, final double driftShare,
            final double driftShareThreshold, final List<ColumnDrift> columns, final BadRows badRows) {
        this(schemaVersion, reference, current, referenceRows, currentRows, datasetDrift, driftShare,
                driftShareThreshold, columns, badRows, FalseAlarms.none(), ConstraintViolations.none(), List.of(),
                null);
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
                driftShare, driftShareThreshold, columns, value, falseAlarms, constraints, segments, multivariate);
    }

    /** This report with its false-alarm figures. */
    public DriftReport withFalseAlarms(final FalseAlarms value) {
        return new DriftReport(schemaVersion, reference, current, referenceRows, currentRows, datasetDrift,
                driftShare, driftShareThreshold, columns, badRows, value, constraints, segments, multivariate);
    }

    /** This report, with the current data's constraint checks. */
    public DriftReport withConstraints(final ConstraintViolations value) {
        return new DriftReport(schemaVersion, reference, current, referenceRows, currentRows, datasetDrift,
                driftShare, driftShareThreshold, columns, badRows, falseAlarms, value, segments, multivariate);
    }

    /**
     * This report with its segments' verdicts: the dataset counts as drifted when the whole data or any segment
     * drifted, so that the exit code, an incident and the build page follow a drifted segment too.
     */
    public DriftReport withSegments(final List<SegmentDrift> value) {
        boolean any = value.stream().anyMatch(SegmentDrift::datasetDrift);
        return new DriftReport(schemaVersion, reference, current, referenceRows, currentRows, datasetDrift || any,
                driftShare, driftShareThreshold, columns, badRows, falseAlarms, constraints, value, multivariate);
    }

    /**
     * This report with the domain classifier's verdict; a multivariate drift makes the dataset drift (whatever
     * the share of drifted columns).
     */
    public DriftReport withMultivariate(@CheckForNull final MultivariateDrift value) {
        return new DriftReport(schemaVersion, reference, current, referenceRows, currentRows,
                datasetDrift || value != null && value.drift(), driftShare, driftShareThreshold, columns, badRows,
                falseAlarms, constraints, segments, value);
    }

    /** Whether the check found something: dataset drift, or a violated constraint (exit code 1). */
    public boolean finding() {
        return datasetDrift || constraints.violated();
    }

    /** The segments that drifted, worst first. */
    public List<SegmentDrift> driftedSegments() {
        return segments.stream().filter(SegmentDrift::datasetDrift).toList();
    }

    /** The columns that drifted. */
    public List<ColumnDrift> drifted() {
        return columns.stream().filter(ColumnDrift::drift).toList();
    }
}
