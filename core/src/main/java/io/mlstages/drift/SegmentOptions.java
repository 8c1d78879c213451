package io.mlstages.drift;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * How a drift check runs per segment ({@code --segment}); see docs/drift.md.
 *
 * @param columns     the segment columns: the check runs once per value of each (none: no segments)
 * @param maxSegments how many of a column's values, the largest by current rows, are checked on their own; the
 *                    rest are checked together as "other" (default {@value #DEFAULT_MAX_SEGMENTS})
 * @param minRows     the fewest rows a segment needs on each side to be checked; smaller ones are reported as
 *                    too small (default {@value #DEFAULT_MIN_ROWS})
 */
public record SegmentOptions(List<String> columns, int maxSegments, long minRows) {
    /** Ten segments fit a table on one screen and a JUnit report that stays readable. */
    public static final int DEFAULT_MAX_SEGMENTS = 10;
    /**
     * Below 30 rows a segment's tests have little power and a chi-square's expected counts are mostly too small
     * to test; reporting it as too small is more honest than a verdict of "no drift".
     */
    public static final long DEFAULT_MIN_ROWS = 30;
    /** Profiling keeps this many times {@code maxSegments} values per column, so that the largest are kept. */
    public static final int CAPACITY_FACTOR = 4;
    /** The most segments a check may ask for: memory grows with them. */
    public static final int MAX_MAX_SEGMENTS = 1000;

    public SegmentOptions {
        columns = columns == null ? List.of() : List.copyOf(new LinkedHashSet<>(columns));
        for (String column : columns) {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("A segment column needs a name, not " + columns);
            }
        }
        if (maxSegments < 1 || maxSegments > MAX_MAX_SEGMENTS) {
            throw new IllegalArgumentException("maxSegments must be between 1 and " + MAX_MAX_SEGMENTS + ", not "
                    + maxSegments);
        }
        if (minRows < 1) {
            throw new IllegalArgumentException("minRows must be at least 1, not " + minRows);
        }
    }

    /** No segments. */
    public static SegmentOptions none() {
        return new SegmentOptions(List.of(), DEFAULT_MAX_SEGMENTS, DEFAULT_MIN_ROWS);
    }

    /** These columns with the default limits. */
    public static SegmentOptions of(final List<String> columns) {
        return new SegmentOptions(columns, DEFAULT_MAX_SEGMENTS, DEFAULT_MIN_ROWS);
    }

    /** Whether the check runs per segment at all. */
    public boolean enabled() {
        return !columns.isEmpty();
    }

    /** How many values per column profiling keeps apart: {@value #CAPACITY_FACTOR} times the segments checked. */
    public int capacity() {
        return capacity(maxSegments);
    }

    /** The profiling capacity for that many segments. */
    public static int capacity(final int maxSegments) {
        return CAPACITY_FACTOR * maxSegments;
    }
}
