package io.mlstages.model;

import java.util.List;

/**
 * The malformed rows that reading skipped ({@code --on-bad-rows skip}): a report's {@code badRows}, present only
 * when rows were skipped.
 *
 * @param total every skipped row
 * @param rows  the first of them, as many as the log kept
 */
public record BadRowsLog(long total, List<Row> rows) {
    public BadRowsLog {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /**
     * One skipped row.
     *
     * @param file    the file's name
     * @param line    its line, from 1
     * @param column  the column at fault, or null when the row as a whole was
     * @param problem why it was skipped
     */
    public record Row(String file, long line, String column, String problem) {
        /** As the text report and the build page write it: {@code file:line[:column]: problem}. */
        public String label() {
            return (file == null ? "" : file) + ":" + line + (column == null ? "" : ":" + column) + ": "
                    + (problem == null ? "" : problem);
        }
    }
}
