package io.mlstages.estimate;

import io.mlstages.metrics.Task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The estimated performance of a classifier on unlabelled rows.
 *
 * @param task          binary or multiclass
 * @param classes       the model's classes; for binary the second is the positive class
 * @param rows          the current rows estimated on
 * @param referenceRows the labelled reference rows the calibration was fitted on
 * @param level         the band's coverage
 * @param resamples     the bootstrap rounds behind the band
 * @param metrics       the estimates, in report order
 * @param notes         what a reader should know (a metric left out, a reference with one class)
 */
public record PerformanceEstimate(Task task, List<String> classes, long rows, long referenceRows, double level,
        int resamples, List<MetricEstimate> metrics, List<String> notes) {
    public PerformanceEstimate {
        Objects.requireNonNull(task, "task");
        classes = List.copyOf(classes);
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    /** The estimates below their bounds. */
    public List<MetricEstimate> breaches() {
        return metrics.stream().filter(MetricEstimate::breached).toList();
    }

    /** The estimate of a metric, when it was made. */
    public Optional<MetricEstimate> metric(final io.mlstages.metrics.Metric metric) {
        return metrics.stream().filter(m -> m.metric() == metric).findFirst();
    }

    /** Each breach as a sentence, e.g. {@code estimated accuracy 0.842 [0.811, 0.870] < 0.9}. */
    public List<String> breachLines() {
        return breaches().stream().map(m -> String.format(java.util.Locale.ROOT, "estimated %s %.3f [%.3f, %.3f] < %s",
                m.metric().label(), m.estimate(), m.lower(), m.upper(), m.bound())).toList();
    }
}
