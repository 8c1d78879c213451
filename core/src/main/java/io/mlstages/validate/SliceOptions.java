package io.mlstages.validate;

import io.mlstages.metrics.Metric;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Validation per slice ({@code validate --slice COLUMN}): the model's metrics on the rows of each value of a column,
 * and bounds that every slice large enough to judge must meet. Defaults and why: {@code docs/validation.md}.
 *
 * @param columns   the slicing columns, each sliced on its own
 * @param gates     the bounds each judged slice must meet ({@code --min-slice}, {@code --max-slice})
 * @param maxSlices how many of a column's values, the largest by rows, are slices of their own; the rest are pooled
 *                  into one "other" slice (default {@value #DEFAULT_MAX_SLICES})
 * @param minRows   the fewest rows a slice needs to be gated; smaller slices are reported, not gated (default
 *                  {@value #DEFAULT_MIN_ROWS})
 */
public record SliceOptions(List<String> columns, List<Gate.Bound> gates, int maxSlices, long minRows) {
    /** The default number of values sliced on their own. */
    public static final int DEFAULT_MAX_SLICES = 10;
    /** The default least rows of a judged slice. */
    public static final long DEFAULT_MIN_ROWS = 30;

    public SliceOptions {
        columns = List.copyOf(columns);
        gates = List.copyOf(gates);
        if (maxSlices < 1) {
            throw new ValidationException("--max-slices " + maxSlices + ": at least one value must be sliced");
        }
        if (minRows < 1) {
            throw new ValidationException("--min-slice-rows " + minRows + ": a slice needs at least one row");
        }
        if (columns.isEmpty() && !gates.isEmpty()) {
            throw new ValidationException("--min-slice and --max-slice gate slices: give the column to slice by "
                    + "with --slice COLUMN");
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column == null || column.isBlank()) {
                throw new ValidationException("--slice: a column name must not be empty");
            }
            if (!seen.add(column)) {
                throw new ValidationException("--slice " + column + " is given twice; give each column once");
            }
        }
        Set<String> bounds = new HashSet<>();
        for (Gate.Bound gate : gates) {
            Objects.requireNonNull(gate, "slice gate");
            if (!bounds.add(gate.side() + " " + gate.metric())) {
                throw new ValidationException("--" + gate.side().label() + "-slice " + gate.metric().label()
                        + " is given twice; give each slice gate once");
            }
        }
    }

    /** No slices. */
    public static SliceOptions none() {
        return new SliceOptions(List.of(), List.of(), DEFAULT_MAX_SLICES, DEFAULT_MIN_ROWS);
    }

    /** Whether any column is sliced. */
    public boolean any() {
        return !columns.isEmpty();
    }

    /** {@code --min-slice METRIC=VALUE}: the metric must be at least VALUE on every judged slice. */
    public static Gate.Bound parseMin(final String option) {
        GateOption spec = GateOption.parse("--min-slice", option);
        return new Gate.Bound(spec.metric, Gate.Side.MIN, spec.value);
    }

    /** {@code --max-slice METRIC=VALUE}: the metric must be at most VALUE on every judged slice. */
    public static Gate.Bound parseMax(final String option) {
        GateOption spec = GateOption.parse("--max-slice", option);
        return new Gate.Bound(spec.metric, Gate.Side.MAX, spec.value);
    }

    /** The metric the slices are ranked by: the first gate's, else the task's primary metric. */
    Metric rankedBy(final io.mlstages.metrics.Task task) {
        return gates.isEmpty() ? Metric.primary(task) : gates.get(0).metric();
    }
}
