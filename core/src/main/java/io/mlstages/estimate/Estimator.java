package io.mlstages.estimate;

import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Metrics;
import io.mlstages.metrics.Predictions;
import io.mlstages.metrics.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Confidence-based performance estimation. The model's predicted class of each current row is known without a
 * label; the calibrated probability that it is right is what the label would have said on average. Summed over
 * the rows these give the expected confusion matrix, and from it:
 * <ul>
 * <li>accuracy: the mean calibrated probability of the predicted class;</li>
 * <li>precision, recall, F1 (binary: of the positive class; multiclass: their unweighted means over the classes
 *     that are predicted or expected at least half a row): expected true positives over the (known) predicted
 *     count, over the expected actual count, and 2 TP / (predicted + actual);</li>
 * <li>ROC AUC: the expected share of (positive, negative) pairs in the right order, each pair weighted by the chance
 *     that its first row is positive and its second negative (ties count half); one-vs-rest mean for several
 *     classes.</li>
 * </ul>
 * The band is a bootstrap of both sources of error: each round refits the calibration on a resample of the
 * reference rows (its own error, which dominates with a few hundred labelled rows) and then draws every current
 * row's label from the refitted probabilities (the luck of the labels, the Poisson-binomial spread of the counts);
 * the realized metric of the drawn labels, computed exactly as {@link Metrics} computes it, is one round's value,
 * and the band is the central {@code level} share of the rounds. The analytic Poisson-binomial variance alone
 * would cover accuracy only and ignore the calibration's error.
 */
public final class Estimator {
    private Estimator() {
    }

    /** The metrics estimated for a task, in report order: binary of the positive class, multiclass macro means. */
    public static List<Metric> metrics(final Task task) {
        if (task == Task.BINARY) {
            return List.of(Metric.ACCURACY, Metric.PRECISION, Metric.RECALL, Metric.F1, Metric.ROC_AUC);
        }
        if (task == Task.MULTICLASS) {
            return List.of(Metric.ACCURACY, Metric.PRECISION_MACRO, Metric.RECALL_MACRO, Metric.F1_MACRO,
                    Metric.ROC_AUC);
        }
        return List.of();
    }

    /**
     * Checks that each bound names a metric estimated for the task.
     *
     * @throws EstimateException naming the bound and the metrics that can be bounded
     */
    public static void checkBounds(final Task task, final List<EstimateOptions.Bound> bounds, final String option) {
        List<Metric> estimated = metrics(task);
        for (EstimateOptions.Bound bound : bounds) {
            if (!estimated.contains(bound.metric())) {
                throw new EstimateException(option + " " + bound.metric().label() + "=" + bound.value() + ": "
                        + bound.metric().label() + " is not estimated for a " + task.label() + " model; these are: "
                        + estimated.stream().map(Metric::label).toList());
            }
        }
    }

    /**
     * Estimates the performance on current rows.
     *
     * @param reference labelled predictions of the model (the calibration is fitted on them)
     * @param current   the model's probabilities on the current rows, one row per data row, classes in model order
     * @param options   the band and the bounds
     * @throws EstimateException when the reference is a regression's or has no rows, there are no current rows, or
     *                           a bound names a metric not estimated for the task
     */
    public static PerformanceEstimate estimate(final Predictions reference, final double[][] current,
            final EstimateOptions options) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(options, "options");
        Task task = reference.task();
        if (!task.isClassification()) {
            throw new EstimateException("Performance can be estimated for classifiers only, not for a "
                    + task.label() + " model");
        }
        checkBounds(task, options.bounds(), "the bound");
        if (current.length == 0) {
            throw new EstimateException("No current rows to estimate the performance on");
        }
        int k = reference.classes().size();
        for (int i = 0; i < current.length; i++) {
            if (current[i].length != k) {
                throw new IllegalArgumentException("Current row " + i + ": " + current[i].length
                        + " probabilities for " + k + " classes");
            }
        }
        List<Metric> metrics = metrics(task);
        List<String> notes = new ArrayList<>();
        Evaluation realized = Metrics.evaluate(reference);
        Calibration calibration = Calibration.fit(reference);
        double[][] calibrated = calibration.apply(current);
        Map<Metric, Double> expected = expected(task, current, calibrated);

        // the bootstrap: rounds[m][r] is metric m's value in round r (NaN when undefined in that round)
        SplittableRandom random = new SplittableRandom(options.seed());
        int m = reference.size();
        double[][] rounds = new double[metrics.size()][options.resamples()];
        int[] drawn = new int[current.length];
        int[] rows = new int[m];
        for (int r = 0; r < options.resamples(); r++) {
            for (int i = 0; i < m; i++) {
                rows[i] = random.nextInt(m);
            }
            double[][] q = Calibration.fit(reference, rows).apply(current);
            for (int i = 0; i < current.length; i++) {
                drawn[i] = draw(q[i], random.nextDouble());
            }
            Evaluation round = Metrics.evaluate(new Predictions(task, reference.classes(), drawn, current, null,
                    null, 0));
            for (int j = 0; j < metrics.size(); j++) {
                rounds[j][r] = round.value(metrics.get(j));
            }
        }
        double tail = (1 - options.level()) / 2;
        List<MetricEstimate> out = new ArrayList<>();
        for (int j = 0; j < metrics.size(); j++) {
            Metric metric = metrics.get(j);
            double point = expected.get(metric);
            double[] values = Arrays.stream(rounds[j]).filter(Double::isFinite).sorted().toArray();
            double lower;
            double upper;
            if (values.length < options.resamples() / 2 || !Double.isFinite(point)) {
                notes.add(metric.label() + ": no band, the metric is undefined in " + (options.resamples()
                        - values.length) + " of " + options.resamples() + " bootstrap rounds");
                lower = Double.NaN;
                upper = Double.NaN;
            }
            else {
                // the point estimate lies in its band even when the rounds' spread is lopsided
                lower = Math.min(point, quantile(values, tail));
                upper = Math.max(point, quantile(values, 1 - tail));
            }
            Double bound = null;
            for (EstimateOptions.Bound b : options.bounds()) {
                if (b.metric() == metric) {
                    bound = bound == null ? b.value() : Math.max(bound, b.value());
                }
            }
            out.add(new MetricEstimate(metric, point, lower, upper, realized.value(metric), bound));
        }
        return new PerformanceEstimate(task, reference.classes(), current.length, m, options.level(),
                options.resamples(), out, notes);
    }

    /** The expected metrics of calibrated probabilities {@code q} for the classes the raw probabilities predict. */
    static Map<Metric, Double> expected(final Task task, final double[][] raw, final double[][] q) {
        int n = raw.length;
        int k = raw[0].length;
        double[] truePositives = new double[k];
        double[] predicted = new double[k];
        double[] actual = new double[k];
        for (int i = 0; i < n; i++) {
            int p = argmax(raw[i]);
            predicted[p]++;
            truePositives[p] += q[i][p];
            for (int c = 0; c < k; c++) {
                actual[c] += q[i][c];
            }
        }
        double correct = 0;
        for (int c = 0; c < k; c++) {
            correct += truePositives[c];
        }
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        out.put(Metric.ACCURACY, correct / n);
        if (task == Task.BINARY) {
            out.put(Metric.PRECISION, ratio(truePositives[1], predicted[1]));
            out.put(Metric.RECALL, ratio(truePositives[1], actual[1]));
            out.put(Metric.F1, ratio(2 * truePositives[1], predicted[1] + actual[1]));
            out.put(Metric.ROC_AUC, auc(raw, q, 1));
            return out;
        }
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        int counted = 0;
        double auc = 0;
        int aucCounted = 0;
        for (int c = 0; c < k; c++) {
            // as the realized macro means count the classes that occur among the true or predicted classes
            if (predicted[c] > 0 || actual[c] >= 0.5) {
                precision += ratio(truePositives[c], predicted[c]);
                recall += ratio(truePositives[c], actual[c]);
                f1 += ratio(2 * truePositives[c], predicted[c] + actual[c]);
                counted++;
            }
            double area = auc(raw, q, c);
            if (actual[c] >= 0.5 && n - actual[c] >= 0.5 && Double.isFinite(area)) {
                auc += area;
                aucCounted++;
            }
        }
        out.put(Metric.PRECISION_MACRO, precision / counted);
        out.put(Metric.RECALL_MACRO, recall / counted);
        out.put(Metric.F1_MACRO, f1 / counted);
        out.put(Metric.ROC_AUC, aucCounted == 0 ? Double.NaN : auc / aucCounted);
        return out;
    }

    /**
     * The expected ROC AUC of class {@code positive} against the rest, scored by the raw probabilities: the sum over
     * ordered pairs (i, j), i != j, of q_i (1 - q_j) [s_i > s_j] (ties half), over the sum of q_i (1 - q_j). One
     * pass over the rows in score order.
     */
    static double auc(final double[][] raw, final double[][] q, final int positive) {
        int n = raw.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(raw[a][positive], raw[b][positive]));
        double negativesBelow = 0;
        double numerator = 0;
        double positives = 0;
        double negatives = 0;
        double self = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            double score = raw[order[start]][positive];
            double groupNegatives = 0;
            while (end < n && raw[order[end]][positive] == score) {
                groupNegatives += 1 - q[order[end]][positive];
                end++;
            }
            for (int r = start; r < end; r++) {
                double p = q[order[r]][positive];
                numerator += p * (negativesBelow + 0.5 * (groupNegatives - (1 - p)));
                positives += p;
                negatives += 1 - p;
                self += p * (1 - p);
            }
            negativesBelow += groupNegatives;
            start = end;
        }
        double pairs = positives * negatives - self;
        return pairs > 0 ? numerator / pairs : Double.NaN;
    }

    /** The predicted class: the most probable, the first on ties (as {@link Predictions#predictedClass}). */
    static int argmax(final double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static int draw(final double[] probabilities, final double u) {
        double sum = 0;
        for (int c = 0; c < probabilities.length; c++) {
            sum += probabilities[c];
            if (u < sum) {
                return c;
            }
        }
        return probabilities.length - 1;
    }

    private static double ratio(final double numerator, final double denominator) {
        // a zero denominator counts as 0, as the realized metrics count it
        return denominator > 0 ? numerator / denominator : 0;
    }

    private static double quantile(final double[] sorted, final double p) {
        double at = p * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }
}
