package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.List;
import java.util.Objects;

/**
 * The drift verdict of one segment: the rows of one value of a segment column (or of the "other" values),
 * compared with the reference's rows of the same value.
 *
 * @param column        the segment column
 * @param value         the value (its text as read), or null for rows whose cell is missing; for the "other"
 *                      bucket, null too
 * @param other         true for the bucket of every value beyond the largest {@code maxSegments}
 * @param status        whether the segment was compared, and if not, why
 * @param referenceRows the segment's rows in the reference
 * @param currentRows   its rows in the current data
 * @param datasetDrift  true when the segment's share of drifted feature columns reached the threshold
 * @param driftShare    that share (NaN when not compared)
 * @param columns       one verdict per column (each with its p-value), the segment columns left out; empty when
 *                      not compared
 */
public record SegmentDrift(String column, @CheckForNull String value, boolean other, Status status, long referenceRows,
        long currentRows, boolean datasetDrift, double driftShare, List<ColumnDrift> columns) {

    /** Whether a segment was compared. */
    public enum Status {
        /** Both sides had enough rows: the columns were compared. */
        COMPARED,
        /** One side had fewer rows than the minimum: not compared. */
        TOO_FEW_ROWS,
        /** The value is not among the reference's segments: nothing to compare with. */
        NOT_IN_REFERENCE;

        /** The JSON and text label: {@code compared}, {@code too-few-rows}, {@code not-in-reference}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The status of a label. */
        public static Status parse(final String label) {
            for (Status status : values()) {
                if (status.label().equals(label)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("Unknown segment status '" + label + "'");
        }
    }

    public SegmentDrift {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(status, "status");
        columns = List.copyOf(columns);
        if (other && value != null) {
            throw new IllegalArgumentException("The other bucket of '" + column + "' has no value");
        }
    }

    /** The columns that drifted in this segment. */
    public List<ColumnDrift> drifted() {
        return columns.stream().filter(ColumnDrift::drift).toList();
    }

    /** How reports name the segment: the value, "(missing)" or "(other)"; data, so escape it where it goes. */
    public String label() {
        return other ? "(other)" : value == null ? "(missing)" : value;
    }
}
