package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;

import java.util.ArrayList;
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
            @CheckForNull Double observed, boolean exact, @CheckForNull String note, List<Example> examples) {
        public Check {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(constraint, "constraint of column " + column);
            Objects.requireNonNull(expected, "expected of column " + column);
            examples = List.copyOf(examples);
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, not " + count);
            }
        }

        /**
         * One line for people: {@code age: min >= 0: 3 values outside in 1000 rows (smallest -4); e.g.
         * data.csv:12: -4}, escaped and bounded ({@link Texts#line}).
         */
        public String describe(final long rows) {
            StringBuilder line = new StringBuilder(Texts.shortened(column, Texts.QUOTED_CHARS)).append(": ")
                    .append(constraint).append(' ').append(expected).append(": ");
            if (passed) {
                line.append("passed");
            } else {
                line.append(exact ? "" : "about ").append(count).append(' ').append(what(this, count == 1))
                        .append(rows > 0 ? " in " + rows + " rows" : "");
            }
            if (observed != null) {
                line.append(" (").append(observedLabel(this)).append(' ').append(number(observed)).append(')');
            }
            if (!examples.isEmpty()) {
                List<String> shown = new ArrayList<>();
                for (Example example : examples) {
                    shown.add(example.toString());
                }
                line.append("; e.g. ").append(String.join(", ", shown));
            }
            if (note != null) {
                line.append("; ").append(note);
            }
            return Texts.line(line.toString());
        }

        private static String what(final Check check, final boolean one) {
            return switch (check.constraint()) {
                case "notNull", "maxMissingRate" -> "missing";
                case "unique" -> one ? "repeated value" : "repeated values";
                case "maxDistinctRatio" -> one ? "distinct value" : "distinct values";
                case "pattern" -> one ? "value not matching" : "values not matching";
                default -> one ? "value outside" : "values outside";
            };
        }

        private static String observedLabel(final Check check) {
            return switch (check.constraint()) {
                case "min" -> "smallest";
                case "max" -> "largest";
                case "notNull", "maxMissingRate" -> "missing rate";
                case "maxDistinctRatio" -> "distinct ratio";
                default -> "observed";
            };
        }

        /** A measured value: as written (-50, 0.0055), 4 significant digits for shares. */
        public static String number(final double value) {
            return ConstraintChecker.format(Math.abs(value) < 1 && value != 0
                    ? new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue() : value);
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
