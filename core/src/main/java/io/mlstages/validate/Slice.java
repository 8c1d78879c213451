package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model's metrics on one slice of the evaluation data: the rows whose value in a column is one value, falls in
 * one quantile bin of a numeric column, or is among the smaller values pooled as "other".
 *
 * @param column  the slicing column
 * @param value   the value or the bin ({@code [30, 45)}), or null for missing cells and for the other bucket
 * @param other   whether it pools the values beyond the largest ones
 * @param rows    its rows
 * @param judged  whether it had enough rows to be gated
 * @param metrics the model's metrics on it by name, in the report's order; NaN when undefined on its rows
 * @param failed  the slice gates it failed ({@code min accuracy}); empty when it was not judged
 */
public record Slice(String column, @CheckForNull String value, boolean other, long rows, boolean judged,
        Map<String, Double> metrics, List<String> failed) {

    public Slice {
        Objects.requireNonNull(column, "column");
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        failed = List.copyOf(failed);
        if (!judged && !failed.isEmpty()) {
            throw new IllegalArgumentException("A slice that was not judged cannot fail a gate");
        }
    }

    /** A metric's value on it, NaN when undefined or not measured. */
    public double value(final Metric metric) {
        Double value = metrics.get(metric.label());
        return value == null ? Double.NaN : value;
    }

    /** Whether it met every slice gate (true when it was not judged). */
    public boolean passed() {
        return failed.isEmpty();
    }

    /** How reports name it: {@code housing=rent}, {@code housing=(missing)}, {@code housing=(other)}; data, escape it. */
    public String label() {
        return column + "=" + (other ? "(other)" : value == null ? "(missing)" : value);
    }
}
