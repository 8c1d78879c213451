package io.mlstages.train;

import io.mlstages.validate.Predictions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics recorded in a model package: accuracy and log loss (and AUC for binary) for classification; RMSE,
 * MAE and R² for regression.
 */
final class Metrics {
    /** Probabilities are clipped to [EPS, 1 - EPS] in the log loss, as scikit-learn does, so it stays finite. */
    private static final double EPS = 1e-15;

    private Metrics() {
    }

    static Map<String, Double> of(final Predictions predictions) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        int n = predictions.size();
        if (n == 0) {
            return metrics;
        }
        if (predictions.task().isClassification()) {
            int correct = 0;
            double logLoss = 0;
            for (int i = 0; i < n; i++) {
                int actual = predictions.actualClass()[i];
                if (predictions.predictedClass(i) == actual) {
                    correct++;
                }
                double p = Math.min(1 - EPS, Math.max(EPS, predictions.probabilities()[i][actual]));
                logLoss -= Math.log(p);
            }
            metrics.put("accuracy", (double) correct / n);
            metrics.put("logLoss", logLoss / n);
            if (predictions.classes().size() == 2) {
                metrics.put("auc", auc(predictions));
            }
        } else {
            double[] actual = predictions.actualValue();
            double[] predicted = predictions.predictedValue();
            double mean = 0;
            for (double v : actual) {
                mean += v;
            }
            mean /= n;
            double squares = 0;
            double absolute = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double error = actual[i] - predicted[i];
                squares += error * error;
                absolute += Math.abs(error);
                total += (actual[i] - mean) * (actual[i] - mean);
            }
            metrics.put("rmse", Math.sqrt(squares / n));
            metrics.put("mae", absolute / n);
            metrics.put("r2", total == 0 ? Double.NaN : 1 - squares / total);
        }
        return metrics;
    }

    /** The area under the ROC curve by the rank-sum formula, ties sharing their ranks. */
    private static double auc(final Predictions predictions) {
        int n = predictions.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[][] p = predictions.probabilities();
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[a][1], p[b][1]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[order[j + 1]][1] == p[order[i]][1]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (predictions.actualClass()[order[k]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
