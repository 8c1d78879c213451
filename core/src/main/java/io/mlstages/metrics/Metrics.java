package io.mlstages.metrics;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes an {@link Evaluation} from {@link Predictions}. Every metric is defined as scikit-learn 1.2 defines
 * it with default arguments, so that numbers agree with what data scientists see in notebooks; the tests hold
 * the two equal to 1e-9 on seeded predictions. The points where the definitions need a choice:
 *
 * <ul>
 * <li>The predicted class is the most probable one, the first on ties ({@link Predictions#predictedClass}).</li>
 * <li>Averages over classes (macro, weighted) take the classes that occur among the true or the predicted
 *     classes, as scikit-learn does without {@code labels}.</li>
 * <li>A ratio with a zero denominator (the precision of a class never predicted, the recall of a class never
 *     true) counts as 0 and is noted, as scikit-learn's default {@code zero_division="warn"} does.</li>
 * <li>Probabilities are clipped to [eps, 1 - eps] with eps the double's machine epsilon (2.22e-16) and each row
 *     renormalised before the log loss, so that a confident wrong answer costs about 36 rather than infinity.</li>
 * <li>ROC AUC counts tied scores half (the rank statistic with average ranks, which is the area under the
 *     trapezoidal ROC curve). It is undefined (NaN, noted) when the true values hold one class only; with several
 *     classes, a class without true rows is left out of the one-vs-rest average and noted, where scikit-learn
 *     would refuse.</li>
 * <li>R² of a constant truth is 1 for perfect predictions and 0 otherwise, not minus infinity.</li>
 * </ul>
 */
public final class Metrics {
    /** The machine epsilon of a double, scikit-learn's clipping bound for log loss. */
    static final double EPS = Math.ulp(1.0);
    /** Notes beyond this many are summarised, so that a thousand classes do not make a thousand lines. */
    private static final int MAX_NOTES = 20;

    private Metrics() {
    }

    /**
     * The metrics of the predictions.
     *
     * @throws MetricException when there are no rows, or a probability or value is not a finite number
     */
    public static Evaluation evaluate(final Predictions predictions) {
        if (predictions.size() == 0) {
            throw new MetricException("No rows to evaluate: the evaluation data is empty");
        }
        return predictions.task().isClassification() ? classification(predictions) : regression(predictions);
    }

    private static Evaluation classification(final Predictions predictions) {
        int n = predictions.size();
        List<String> classes = predictions.classes();
        int k = classes.size();
        int[] actual = Objects.requireNonNull(predictions.actualClass(), "a classification's classes");
        double[][] probabilities = Objects.requireNonNull(predictions.probabilities(), "probabilities");
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double p = probabilities[i][c];
                if (!(p >= 0 && p <= 1)) {
                    throw new MetricException("Row " + (i + 1) + ": the probability of class '" + classes.get(c)
                            + "' is " + p + ", not a number between 0 and 1");
                }
            }
        }
        long[][] confusion = new long[k][k];
        for (int i = 0; i < n; i++) {
            confusion[actual[i]][predictions.predictedClass(i)]++;
        }
        Notes notes = new Notes();
        Map<String, Double> values = new LinkedHashMap<>();
        long correct = 0;
        for (int c = 0; c < k; c++) {
            correct += confusion[c][c];
        }
        values.put(Metric.ACCURACY.label(), (double) correct / n);

        long[] support = new long[k];
        long[] predicted = new long[k];
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                support[a] += confusion[a][p];
                predicted[p] += confusion[a][p];
            }
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            if (support[c] == 0 && predicted[c] == 0) {
                continue; // neither true nor predicted: outside every average, as in scikit-learn
            }
            if (predicted[c] == 0) {
                notes.add("precision of class '" + classes.get(c) + "' is 0/0 (never predicted): counted as 0");
            }
            else {
                precision[c] = (double) confusion[c][c] / predicted[c];
            }
            if (support[c] == 0) {
                notes.add("recall of class '" + classes.get(c) + "' is 0/0 (no true rows): counted as 0");
            }
            else {
                recall[c] = (double) confusion[c][c] / support[c];
            }
            double sum = precision[c] + recall[c];
            // the same operation order as scikit-learn, (2 * p * r) / (p + r), for equal rounding
            f1[c] = sum == 0 ? 0 : 2 * precision[c] * recall[c] / sum;
        }
        if (predictions.task() == Task.BINARY) {
            values.put(Metric.PRECISION.label(), precision[1]);
            values.put(Metric.RECALL.label(), recall[1]);
            values.put(Metric.F1.label(), f1[1]);
        }
        values.put(Metric.PRECISION_MACRO.label(), macro(precision, support, predicted));
        values.put(Metric.RECALL_MACRO.label(), macro(recall, support, predicted));
        values.put(Metric.F1_MACRO.label(), macro(f1, support, predicted));
        values.put(Metric.PRECISION_WEIGHTED.label(), weighted(precision, support));
        values.put(Metric.RECALL_WEIGHTED.label(), weighted(recall, support));
        values.put(Metric.F1_WEIGHTED.label(), weighted(f1, support));
        values.put(Metric.ROC_AUC.label(), rocAuc(predictions, notes));
        values.put(Metric.LOG_LOSS.label(), logLoss(actual, probabilities));
        return new Evaluation(predictions.task(), n, classes, values, confusion, notes.list());
    }

    private static double macro(final double[] perClass, final long[] support, final long[] predicted) {
        double sum = 0;
        int count = 0;
        for (int c = 0; c < perClass.length; c++) {
            if (support[c] > 0 || predicted[c] > 0) {
                sum += perClass[c];
                count++;
            }
        }
        return sum / count;
    }

    private static double weighted(final double[] perClass, final long[] support) {
        double sum = 0;
        long total = 0;
        for (int c = 0; c < perClass.length; c++) {
            sum += perClass[c] * support[c];
            total += support[c];
        }
        return sum / total;
    }

    private static double rocAuc(final Predictions predictions, final Notes notes) {
        int[] actual = Objects.requireNonNull(predictions.actualClass(), "a classification's classes");
        double[][] probabilities = Objects.requireNonNull(predictions.probabilities(), "probabilities");
        List<String> classes = predictions.classes();
        if (predictions.task() == Task.BINARY) {
            double auc = binaryAuc(actual, probabilities, 1);
            if (Double.isNaN(auc)) {
                notes.add("roc_auc is undefined: the true values hold only class '"
                        + classes.get(actual[0]) + "'");
            }
            return auc;
        }
        double sum = 0;
        int count = 0;
        for (int c = 0; c < classes.size(); c++) {
            double auc = binaryAuc(actual, probabilities, c);
            if (Double.isNaN(auc)) {
                notes.add("roc_auc: class '" + classes.get(c) + "' is left out of the one-vs-rest average: "
                        + "it has no true rows, or every row is of it");
            }
            else {
                sum += auc;
                count++;
            }
        }
        if (count == 0) {
            notes.add("roc_auc is undefined: no class has both true and other rows");
            return Double.NaN;
        }
        return sum / count;
    }

    /**
     * The area under the ROC curve of class {@code positive} against the rest: the probability that a random
     * positive row scores above a random negative one, ties counting half (the Mann–Whitney statistic). Sorting
     * both sides and walking them together costs O(n log n) and no boxing. NaN when one side is empty.
     */
    static double binaryAuc(final int[] actual, final double[][] probabilities, final int positive) {
        int positives = 0;
        for (int a : actual) {
            if (a == positive) {
                positives++;
            }
        }
        int negatives = actual.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < actual.length; i++) {
            double score = probabilities[i][positive];
            if (actual[i] == positive) {
                pos[p++] = score;
            }
            else {
                neg[q++] = score;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // twice the count of (positive, negative) pairs ordered right, ties counting 1 of 2: an exact integer
        long twice = 0;
        int below = 0;
        int upTo = 0;
        for (double score : pos) {
            while (below < negatives && neg[below] < score) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < negatives && neg[upTo] <= score) {
                upTo++;
            }
            twice += (long) below + upTo;
        }
        return twice / (2.0 * positives * (double) negatives);
    }

    private static double logLoss(final int[] actual, final double[][] probabilities) {
        Sum sum = new Sum();
        for (int i = 0; i < actual.length; i++) {
            double[] row = probabilities[i];
            double total = 0;
            for (double p : row) {
                total += clip(p);
            }
            sum.add(-Math.log(clip(row[actual[i]]) / total));
        }
        return sum.value() / actual.length;
    }

    private static double clip(final double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }

    private static Evaluation regression(final Predictions predictions) {
        double[] actual = Objects.requireNonNull(predictions.actualValue(), "a regression's true values");
        double[] predicted = Objects.requireNonNull(predictions.predictedValue(), "predictions");
        int n = actual.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(actual[i]) || !Double.isFinite(predicted[i])) {
                throw new MetricException("Row " + (i + 1) + ": the true value " + actual[i]
                        + " or the prediction " + predicted[i] + " is not a finite number");
            }
        }
        Sum squares = new Sum();
        Sum absolute = new Sum();
        Sum truth = new Sum();
        for (int i = 0; i < n; i++) {
            double error = actual[i] - predicted[i];
            squares.add(error * error);
            absolute.add(Math.abs(error));
            truth.add(actual[i]);
        }
        double mean = truth.value() / n;
        Sum spread = new Sum();
        for (double y : actual) {
            double d = y - mean;
            spread.add(d * d);
        }
        double residual = squares.value();
        double total = spread.value();
        double r2;
        if (total == 0) {
            r2 = residual == 0 ? 1 : 0;
        }
        else {
            r2 = 1 - residual / total;
        }
        Notes notes = new Notes();
        if (total == 0) {
            notes.add("r2: the true values are constant, so R² is " + (residual == 0 ? "1 (perfect predictions)"
                    : "0 (imperfect predictions)") + " by convention");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(Metric.RMSE.label(), Math.sqrt(residual / n));
        values.put(Metric.MAE.label(), absolute.value() / n);
        values.put(Metric.R2.label(), r2);
        return new Evaluation(Task.REGRESSION, n, List.of(), values, null, notes.list());
    }

    /** Neumaier's compensated sum: the mean of a million terms stays exact to the last digits. */
    private static final class Sum {
        private double sum;
        private double compensation;

        void add(final double value) {
            double t = sum + value;
            compensation += Math.abs(sum) >= Math.abs(value) ? sum - t + value : value - t + sum;
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }

    /** Notes, at most {@link #MAX_NOTES} by text and a count of the rest. */
    private static final class Notes {
        private final List<String> notes = new ArrayList<>();
        private int more;

        void add(final String note) {
            if (notes.size() < MAX_NOTES) {
                notes.add(note);
            }
            else {
                more++;
            }
        }

        List<String> list() {
            List<String> out = new ArrayList<>(notes);
            if (more > 0) {
                out.add("and " + more + " more notes like these");
            }
            return out;
        }
    }
}
