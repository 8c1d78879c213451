package io.mlstages.data;

import java.util.List;
import java.util.Objects;

/**
 * What checking a dataset against its schema's constraints found: one {@link Check} per constraint, passed or
 * not, with the count of offending cells and a few examples. Built by {@link ConstraintChecker}; reports write it
 * next to drift or with the validation gates.
 *
 * @param rows   the rows checked
 * @param checks one result per constraint, in the order of the schema's columns
 */
public record ConstraintViolations(long rows, List<Check> checks) {
    private static final ConstraintViolations NONE = new ConstraintViolations(0, List.of());

    public ConstraintViolations {
        checks = List.copyOf(checks);
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, not " + rows);
        }
    }

    /** No constraint was checked (the schema had none, or there was no schema). */
    public static ConstraintViolations none() {
        return NONE;
    }

    /** Whether any constraint was checked. */
    public boolean any() {
        return !checks.isEmpty();
    }

    /** Whether any constraint failed: a finding (exit code 1). */
    public boolean violated() {
        return checks.stream().anyMatch(c -> !c.passed());
    }

    /** The constraints that failed. */
    public List<Check> failed() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /**
     * The outcome of one constraint of one column.
     *
     * @param column     the column
     * @param constraint the constraint's key in the schema file: {@code min}, {@code max}, {@code allowed},
     *                   {@code pattern}, {@code notNull}, {@code maxMissingRate}, {@code unique},
     *                   {@code maxDistinctRatio}
     * @param expected   what the schema demands, for people, e.g. {@code >= 0} or {@code one of 3 values}
     * @param passed     whether the data met it
     * @param count      the offending cells (min, max, allowed, pattern: values outside; notNull, maxMissingRate:
     *                   missing cells; unique: values seen before; maxDistinctRatio: distinct values)
     * @param observed   what was measured, where one number says it (the smallest or largest value, the missing
     *                   rate, the distinct ratio), else null
     * @param exact      false when the count is an estimate (uniqueness beyond the exact limit)
     * @param note       a remark on how it was measured, or null
     * @param examples   at most {@link ConstraintChecker#EXAMPLES} offending values, first seen first
     */
    public record Check(String column, String constraint, String expected, boolean passed, long count,
            Double observed, boolean exact, String note, List<Example> examples) {
        public Check {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(constraint, "constraint of column " + column);
            Objects.requireNonNull(expected, "expected of column " + column);
            examples = List.copyOf(examples);
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, not " + count);
            }
        }

        /** A stable name, {@code constraint min of age}: gates and JUnit test cases are keyed by it. */
        public String name() {
            return "constraint " + constraint + " of " + column;
        }
    }

    /**
     * An offending value and where it was.
     *
     * @param file  the file's name
     * @param line  the line where its row starts (1-based, the header is line 1 in CSV)
     * @param value the value as read, escaped and cut to {@value io.mlstages.Texts#QUOTED_CHARS} characters
     *              ({@code Texts.shortened}); {@code (missing)} for a missing cell
     */
    public record Example(String file, long line, String value) {
        public Example {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return file + ":" + line + ": " + value;
        }
    }
}
