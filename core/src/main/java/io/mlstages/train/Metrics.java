package io.mlstages.train;

import io.mlstages.metrics.Predictions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics a package records for its training and holdout rows: those of validation
 * ({@link io.mlstages.metrics.Metrics}), under the same names, so that a gate and {@code model.json} speak alike.
 * Values undefined on the rows (ROC AUC of one class) are NaN, written as null.
 */
final class Metrics {
    private Metrics() {
    }

    static Map<String, Double> of(final Predictions predictions) {
        if (predictions.size() == 0) {
            return Map.of();
        }
        return new LinkedHashMap<>(io.mlstages.metrics.Metrics.evaluate(predictions).metrics());
    }
}
