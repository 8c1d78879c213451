package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.List;
import java.util.Objects;

/**
 * The malformed rows that reading skipped ({@link OnBadRows#SKIP}): how many in all, and the first few with
 * where and why. Immutable; a {@link BadRowLog} hands out these snapshots.
 *
 * @param total the number of rows skipped
 * @param rows  the first skipped rows, in the order they were met (at most the log's bound)
 */
public record BadRows(long total, List<Row> rows) {

    public BadRows {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, not " + total);
        }
        rows = List.copyOf(rows);
        if (rows.size() > total) {
            throw new IllegalArgumentException("lists " + rows.size() + " rows but counts only " + total);
        }
    }

    /** No rows skipped. */
    public static BadRows none() {
        return new BadRows(0, List.of());
    }

    /**
     * The rows of several reads together: all counted, the first {@code limit} listed (in the order of
     * {@code parts}).
     */
    public static BadRows combine(final List<BadRows> parts, final int limit) {
        long total = 0;
        List<Row> rows = new java.util.ArrayList<>();
        for (BadRows part : parts) {
            total += part.total;
            for (Row row : part.rows) {
                if (rows.size() < limit) {
                    rows.add(row);
                }
            }
        }
        return new BadRows(total, rows);
    }

    /** Whether any row was skipped. */
    public boolean any() {
        return total > 0;
    }

    /** How many skipped rows are counted but not listed. */
    public long unlisted() {
        return total - rows.size();
    }

    /**
     * One skipped row.
     *
     * @param file    the file, as given
     * @param line    the 1-based line where the row starts
     * @param column  the column the problem is in, or null when it is the row's (a wrong field count, say)
     * @param problem what is wrong, without the file, line and column
     */
    public record Row(String file, long line, @CheckForNull String column, String problem) {
        public Row {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(problem, "problem");
        }

        /** {@code file:line[:column]: problem}, as the text report lists it. */
        @Override
        public String toString() {
            return file + ":" + line + (column == null ? "" : ":" + column) + ": " + problem;
        }
    }
}
