package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One segment of a drift check ({@code --segment}), an item of a drift report's {@code segments}. The value is
 * data and kept whole, so that a script can match it; the views cut and escape it.
 *
 * @param column         the segmenting column
 * @param value          the segment's value, or null for the missing value (or the pooled rest)
 * @param other          whether it pools the values beyond the most frequent ones
 * @param status         {@code compared}, {@code too-few-rows} or {@code not-in-reference}
 * @param referenceRows  its rows in the reference
 * @param currentRows    its rows in the current data
 * @param datasetDrift   whether it drifted
 * @param driftShare     its share of drifted feature columns (NaN when not compared)
 * @param driftedColumns the columns that drifted in it
 * @param columns        its columns' verdicts (their p-values feed a false-discovery control across segments);
 *                       {@code significant} is left out, as segments have always been written
 */
public record SegmentVerdict(String column, String value, boolean other, String status, long referenceRows,
        long currentRows, boolean datasetDrift, double driftShare, List<String> driftedColumns,
        @JsonIgnoreProperties("significant") List<ColumnVerdict> columns) {

    public SegmentVerdict {
        driftedColumns = driftedColumns == null ? List.of() : List.copyOf(driftedColumns);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
