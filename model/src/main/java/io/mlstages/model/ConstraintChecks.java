package io.mlstages.model;

import java.util.List;

/**
 * A report's {@code constraints}: the data checked against its schema's constraints. Written only when the schema
 * had constraints. Example values are data: they arrive escaped and cut by the engine, and every view escapes them
 * again.
 *
 * @param rows     the rows checked
 * @param violated how many checks failed
 * @param checks   every check, in the schema's order
 */
public record ConstraintChecks(long rows, int violated, List<Check> checks) {
    public ConstraintChecks {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /**
     * One constraint on one column.
     *
     * @param column     the column
     * @param constraint its kind, e.g. {@code min}
     * @param expected   what it allows, e.g. {@code >= 0}
     * @param passed     whether the data met it
     * @param count      the offending values (or rows)
     * @param observed   the figure measured (e.g. the smallest value), or null
     * @param exact      false when the count is an estimate
     * @param note       a remark on how it was measured, or null
     * @param examples   the first offending values
     */
    public record Check(String column, String constraint, String expected, boolean passed, long count,
            Double observed, boolean exact, String note, List<Example> examples) {
        public Check {
            examples = examples == null ? List.of() : List.copyOf(examples);
        }
    }

    /**
     * An offending value and where it was.
     *
     * @param file  the file's name
     * @param line  its line, from 1
     * @param value the value, escaped and cut
     */
    public record Example(String file, long line, String value) {
        /** As the views write it: {@code file:line: value}. */
        public String label() {
            return (file == null ? "" : file) + ":" + line + ": " + (value == null ? "" : value);
        }
    }
}
