package io.mlstages.metrics;


import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one model's predictions on one evaluation set.
 *
 * @param task      the kind of prediction
 * @param rows      how many rows were evaluated
 * @param classes   the class labels in the model's order (empty for regression)
 * @param metrics   the metric values by {@link Metric#label()}, in {@link Metric} order; a metric that is
 *                  undefined on these rows (ROC AUC when one class is absent) is NaN and explained in
 *                  {@code notes}
 * @param confusion for classification, counts of rows by true class (row) and predicted class (column), in the
 *                  order of {@code classes}; null for regression
 * @param notes     what a reader should know about the numbers: ratios that divided by zero (counted as 0),
 *                  undefined metrics, classes left out of an average
 */
public record Evaluation(Task task, long rows, List<String> classes, Map<String, Double> metrics,
        @CheckForNull long[][] confusion, List<String> notes) {

    public Evaluation {
        Objects.requireNonNull(task, "task");
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, not " + rows);
        }
        classes = List.copyOf(classes);
        Map<Metric, Double> known = new EnumMap<>(Metric.class);
        metrics.forEach((name, value) -> {
            Metric metric = Metric.parse(name);
            if (!metric.appliesTo(task)) {
                throw new IllegalArgumentException("Metric " + name + " does not apply to " + task.label());
            }
            known.put(metric, Objects.requireNonNull(value, "value of " + name));
        });
        // in Metric order, whatever order the caller's map had: reports list metrics alike
        Map<String, Double> copy = new LinkedHashMap<>();
        known.forEach((metric, value) -> copy.put(metric.label(), value));
        metrics = Collections.unmodifiableMap(copy);
        if (task.isClassification()) {
            Objects.requireNonNull(confusion, "confusion matrix of a classification");
            if (confusion.length != classes.size()) {
                throw new IllegalArgumentException("A confusion matrix of " + confusion.length + " rows for "
                        + classes.size() + " classes");
            }
            long[][] rowsCopy = new long[confusion.length][];
            for (int i = 0; i < confusion.length; i++) {
                if (confusion[i].length != classes.size()) {
                    throw new IllegalArgumentException("Confusion matrix row " + i + " has " + confusion[i].length
                            + " columns for " + classes.size() + " classes");
                }
                rowsCopy[i] = confusion[i].clone();
            }
            confusion = rowsCopy;
        }
        else if (confusion != null) {
            throw new IllegalArgumentException("A regression has no confusion matrix");
        }
        notes = List.copyOf(notes);
    }

    /** The value of a metric, NaN when it is undefined on these rows. */
    public double value(final Metric metric) {
        Double value = metrics.get(metric.label());
        if (value == null) {
            throw new MetricException("Metric " + metric.label() + " does not apply to a " + task.label()
                    + " model; its metrics are " + String.join(", ", metrics.keySet()));
        }
        return value;
    }

    /** The confusion matrix (a copy), or null for regression. */
    @Override
    @CheckForNull
    public long[][] confusion() {
        if (confusion == null) {
            return null;
        }
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Evaluation that && task == that.task && rows == that.rows
                && classes.equals(that.classes) && metrics.equals(that.metrics)
                && Arrays.deepEquals(confusion, that.confusion) && notes.equals(that.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, rows, classes, metrics, Arrays.deepHashCode(confusion), notes);
    }

    @Override
    public String toString() {
        return "Evaluation[" + task.label() + ", " + rows + " rows, " + metrics + "]";
    }
}
