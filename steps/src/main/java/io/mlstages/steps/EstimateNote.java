package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.EstimatedPerformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The build page's line on performance estimated without labels ({@code referenceLabelled}), e.g.
 * {@code Estimated without labels (2300 rows, 95% band): accuracy 0.81 [0.78, 0.84] below the bound 0.85;
 * roc_auc 0.79 [0.75, 0.83]}. Numbers are formatted here, as {@link DriftView} formats its own.
 */
final class EstimateNote {
    private EstimateNote() {
    }

    /** The line, or empty when the check estimated nothing. */
    static String of(@CheckForNull final EstimatedPerformance estimate) {
        if (estimate == null || estimate.metrics().isEmpty()) {
            return "";
        }
        List<String> metrics = new ArrayList<>();
        for (EstimatedPerformance.Metric metric : estimate.metrics()) {
            String text = metric.name() + " " + DriftView.format(metric.estimate());
            if (Double.isFinite(metric.lower()) && Double.isFinite(metric.upper())) {
                text += " [" + DriftView.format(metric.lower()) + ", " + DriftView.format(metric.upper()) + "]";
            }
            Double bound = metric.bound();
            if (bound != null) {
                text += metric.breached() ? " below the bound " + DriftView.format(bound)
                        : " (bound " + DriftView.format(bound) + ")";
            }
            metrics.add(text);
        }
        String level = String.format(Locale.ROOT, "%.0f%%", estimate.level() * 100);
        return (estimate.breached() ? "Estimated performance below its bound" : "Estimated without labels")
                + " (" + estimate.rows() + " rows, " + level + " band): " + String.join("; ", metrics);
    }
}
