package io.mlstages.drift;

import io.mlstages.data.ColumnType;
import io.mlstages.data.Schema;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.math3.special.Erf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Multivariate drift by a domain classifier: gradient-boosted trees (XGBoost, in-process) learn to tell current
 * rows (label 1) from reference rows (label 0) on a sample of each side; k-fold cross-validation scores every
 * sampled row with the model that did not see it, and the AUC of those out-of-fold scores measures how separable
 * the two sides are. A change in how columns go together (a broken correlation) separates them even when every
 * column's own distribution is unchanged, which no per-column test can see.
 */
public final class DomainClassifier {
    /** Levels of a categorical column kept as their own input; rarer ones share the all-zero "other" code. */
    static final int MAX_LEVELS = 50;

    private DomainClassifier() {
    }

    /** The message when the reference has no rows (a stored profile): the classifier needs rows of both sides. */
    public static DriftException needsReferenceRows(final String what) {
        return new DriftException("--multivariate (the domain classifier) trains on rows of both sides, but " + what
                + " has no rows, only a profile: give the reference as a CSV or JSON Lines dataset, or leave out "
                + "--multivariate");
    }

    /**
     * Trains and scores the classifier on the feature columns of {@code report} (target, prediction and
     * identifier columns left out).
     */
    static MultivariateDrift evaluate(final DriftReport report, final RowReservoirs.Sample reference,
            final RowReservoirs.Sample current, final MultivariateOptions options) {
        List<ColumnDrift> features = report.columns().stream().filter(c -> c.role() == Role.FEATURE).toList();
        int n0 = reference.rows().size();
        int n1 = current.rows().size();
        if (features.isEmpty()) {
            return untested(options, n0, n1, "no feature columns to train on: not tested");
        }
        if (Math.min(n0, n1) < 2 * options.folds()) {
            return untested(options, n0, n1, "too few rows for " + options.folds()
                    + "-fold cross-validation (reference " + n0 + ", current " + n1 + "; at least "
                    + 2 * options.folds() + " per side): not tested");
        }
        Encoding encoding = new Encoding(features, reference, current);
        int n = n0 + n1;
        int width = encoding.width;
        float[] x = new float[n * width];
        float[] y = new float[n];
        for (int r = 0; r < n0; r++) {
            encoding.encode(reference.rows().get(r), encoding.referenceAt, x, r * width);
        }
        for (int r = 0; r < n1; r++) {
            encoding.encode(current.rows().get(r), encoding.currentAt, x, (n0 + r) * width);
            y[n0 + r] = 1;
        }
        int[] fold = folds(n0, n1, options);
        double[] scores = new double[n];
        double[] gain = new double[features.size()];
        for (int k = 0; k < options.folds(); k++) {
            fit(x, y, fold, k, width, options, scores, encoding, gain);
        }
        double[] ranks = midranks(scores);
        double rankSum = 0;
        for (int r = n0; r < n; r++) {
            rankSum += ranks[r];
        }
        double u = rankSum - (double) n1 * (n1 + 1) / 2;
        double auc = u / ((double) n0 * n1);
        double p = mannWhitneyUpperP(u, n0, n1, tieSum(scores));
        return verdict(auc, p, options, n0, n1, features, gain);
    }

    private static MultivariateDrift untested(final MultivariateOptions options, final long n0, final long n1,
            final String note) {
        return new MultivariateDrift(Double.NaN, 1.0, options.aucFloor(), options.alpha(), false, n0, n1,
                options.folds(), List.of(), note);
    }

    private static MultivariateDrift verdict(final double auc, final double p, final MultivariateOptions options,
            final int n0, final int n1, final List<ColumnDrift> features, final double[] gain) {
        double total = Arrays.stream(gain).sum();
        List<MultivariateDrift.Feature> ranked = new ArrayList<>();
        for (int f = 0; f < gain.length; f++) {
            if (gain[f] > 0) {
                ranked.add(new MultivariateDrift.Feature(features.get(f).name(), gain[f], gain[f] / total));
            }
        }
        ranked.sort(Comparator.comparingDouble(MultivariateDrift.Feature::gain).reversed()
                .thenComparing(MultivariateDrift.Feature::name));
        boolean significant = p < options.alpha();
        boolean large = auc >= options.aucFloor();
        boolean drift = significant && large;
        StringBuilder note = new StringBuilder(drift ? "drifted: " : "no drift: ");
        note.append(String.format(Locale.ROOT, "a classifier tells current rows from reference rows with out-of-fold "
                + "AUC %.3f (%d-fold, %d + %d rows), ", auc, options.folds(), n0, n1));
        note.append(significant ? "significant (p=" + p(p) + ")" : "not significant (p=" + p(p) + " >= alpha "
                + String.format(Locale.ROOT, "%.4f", options.alpha()) + ")");
        note.append(String.format(Locale.ROOT, large ? " and at or above the floor %.3f" : ", below the floor %.3f",
                options.aucFloor()));
        if (drift && !ranked.isEmpty()) {
            note.append("; driven most by ");
            for (int i = 0; i < Math.min(3, ranked.size()); i++) {
                note.append(i == 0 ? "" : ", ").append(ranked.get(i).name()).append(String.format(Locale.ROOT,
                        " (%.0f%%)", 100 * ranked.get(i).share()));
            }
        }
        return new MultivariateDrift(auc, p, options.aucFloor(), options.alpha(), drift, n0, n1, options.folds(),
                ranked, note.toString());
    }

    private static String p(final double p) {
        return p < 1e-300 ? "<1e-300" : p < 0.001 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.3g", p);
    }

    /** Stratified folds: each side's rows shuffled and dealt round-robin, so every fold has both sides. */
    private static int[] folds(final int n0, final int n1, final MultivariateOptions options) {
        int[] fold = new int[n0 + n1];
        SplittableRandom random = new SplittableRandom(options.seed());
        deal(fold, 0, n0, options.folds(), random);
        deal(fold, n0, n1, options.folds(), random);
        return fold;
    }

    private static void deal(final int[] fold, final int from, final int count, final int k,
            final SplittableRandom random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < count; i++) {
            fold[from + order[i]] = i % k;
        }
    }

    /** Trains on every fold but {@code k}, scores fold {@code k} and adds the model's gain per column. */
    private static void fit(final float[] x, final float[] y, final int[] fold, final int k, final int width,
            final MultivariateOptions options, final double[] scores, final Encoding encoding, final double[] gain) {
        int n = y.length;
        int test = 0;
        for (int f : fold) {
            test += f == k ? 1 : 0;
        }
        float[] trainX = new float[(n - test) * width];
        float[] trainY = new float[n - test];
        float[] testX = new float[test * width];
        int[] testRows = new int[test];
        int a = 0;
        int b = 0;
        for (int r = 0; r < n; r++) {
            if (fold[r] == k) {
                System.arraycopy(x, r * width, testX, b * width, width);
                testRows[b++] = r;
            }
            else {
                System.arraycopy(x, r * width, trainX, a * width, width);
                trainY[a++] = y[r];
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "logloss");
        params.put("tree_method", "hist");
        params.put("nthread", options.threads());
        params.put("seed", options.seed());
        params.put("eta", 0.1);
        params.put("max_depth", options.maxDepth());
        params.put("verbosity", 0);
        DMatrix matrix = null;
        Booster booster = null;
        try {
            matrix = new DMatrix(trainX, n - test, width, Float.NaN);
            matrix.setLabel(trainY);
            booster = XGBoost.train(matrix, params, options.rounds(), new HashMap<>(), null, null);
            float[][] predicted = booster.inplace_predict(testX, test, width, Float.NaN);
            for (int i = 0; i < test; i++) {
                scores[testRows[i]] = predicted[i][0];
            }
            Map<String, Double> byInput = booster.getScore(encoding.inputNames, "total_gain");
            for (int input = 0; input < width; input++) {
                Double g = byInput.get(encoding.inputNames[input]);
                if (g != null) {
                    gain[encoding.featureOf[input]] += g;
                }
            }
        }
        catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed training the domain classifier: " + e.getMessage(), e);
        }
        finally {
            if (booster != null) {
                booster.dispose();
            }
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** Ranks 1..n, tied values sharing the mean of their ranks. */
    static double[] midranks(final double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** The sum of t³ − t over groups of t tied values. */
    static double tieSum(final double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }

    /**
     * P(U ≥ u) under no difference, U the Mann–Whitney statistic of the current side (AUC = U / (n0·n1)): the
     * normal approximation with the tie correction of the variance. At the sample sizes used (hundreds to
     * thousands per side) it is within a few thousandths of the exact permutation distribution, and unlike a
     * Monte Carlo permutation test it resolves small p-values.
     */
    static double mannWhitneyUpperP(final double u, final long n0, final long n1, final double tieSum) {
        double n = n0 + n1;
        double variance = n0 * (double) n1 / 12.0 * ((n + 1) - tieSum / (n * (n - 1)));
        if (!(variance > 0)) {
            return 1.0;
        }
        // continuity correction: U moves in steps of one half at least
        double z = (u - n0 * (double) n1 / 2 - 0.5) / Math.sqrt(variance);
        return Math.min(1.0, Math.max(0.0, 0.5 * Erf.erfc(z / Math.sqrt(2))));
    }

    /**
     * The classifier's inputs: a numeric column is one input (NaN when missing or not finite, which XGBoost routes
     * as missing); a categorical or boolean column one 0/1 input per level among the {@value #MAX_LEVELS} most
     * frequent in both samples together (rarer levels are 0 in all of them; a missing cell NaN in all).
     */
    private static final class Encoding {
        final List<ColumnDrift> features;
        final int[] referenceAt;
        final int[] currentAt;
        final int[] offset;
        final List<Map<String, Integer>> levels = new ArrayList<>();
        final int width;
        final int[] featureOf;
        final String[] inputNames;

        Encoding(final List<ColumnDrift> features, final RowReservoirs.Sample reference,
                final RowReservoirs.Sample current) {
            this.features = features;
            referenceAt = positions(features, reference.schema());
            currentAt = positions(features, current.schema());
            offset = new int[features.size()];
            int at = 0;
            for (int f = 0; f < features.size(); f++) {
                offset[f] = at;
                if (features.get(f).type() == ColumnType.NUMERIC) {
                    levels.add(null);
                    at++;
                }
                else {
                    Map<String, Integer> kept = topLevels(reference, referenceAt[f], current, currentAt[f]);
                    levels.add(kept);
                    at += Math.max(1, kept.size());
                }
            }
            width = at;
            featureOf = new int[width];
            inputNames = new String[width];
            for (int f = 0; f < features.size(); f++) {
                int end = f + 1 < features.size() ? offset[f + 1] : width;
                for (int i = offset[f]; i < end; i++) {
                    featureOf[i] = f;
                    inputNames[i] = "f" + i;
                }
            }
        }

        void encode(final Object[] row, final int[] at, final float[] out, final int base) {
            for (int f = 0; f < at.length; f++) {
                Object cell = row[at[f]];
                int to = base + offset[f];
                Map<String, Integer> kept = levels.get(f);
                if (kept == null) {
                    out[to] = number(cell);
                }
                else {
                    int slots = Math.max(1, kept.size());
                    if (cell == null) {
                        Arrays.fill(out, to, to + slots, Float.NaN);
                    }
                    else {
                        Integer slot = kept.get(String.valueOf(cell));
                        if (slot != null) {
                            out[to + slot] = 1f;
                        }
                    }
                }
            }
        }

        private static float number(final Object cell) {
            double value;
            if (cell instanceof Double d) {
                value = d;
            }
            else if (cell == null) {
                value = Double.NaN;
            }
            else {
                try {
                    value = Double.parseDouble(cell.toString().trim());
                }
                catch (NumberFormatException e) {
                    value = Double.NaN;
                }
            }
            // infinities are routed as missing: trees cannot split around them meaningfully
            return Double.isFinite(value) ? (float) value : Float.NaN;
        }

        private static int[] positions(final List<ColumnDrift> features, final Schema schema) {
            int[] at = new int[features.size()];
            for (int f = 0; f < at.length; f++) {
                at[f] = schema == null ? -1 : schema.indexOf(features.get(f).name());
                if (at[f] < 0) {
                    throw new IllegalStateException("The sampled rows lack the column '" + features.get(f).name()
                            + "'");
                }
            }
            return at;
        }

        private static Map<String, Integer> topLevels(final RowReservoirs.Sample reference, final int referenceAt,
                final RowReservoirs.Sample current, final int currentAt) {
            Map<String, Integer> counts = new HashMap<>();
            for (Object[] row : reference.rows()) {
                if (row[referenceAt] != null) {
                    counts.merge(String.valueOf(row[referenceAt]), 1, Integer::sum);
                }
            }
            for (Object[] row : current.rows()) {
                if (row[currentAt] != null) {
                    counts.merge(String.valueOf(row[currentAt]), 1, Integer::sum);
                }
            }
            List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
            sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            Map<String, Integer> kept = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(MAX_LEVELS, sorted.size()); i++) {
                kept.put(sorted.get(i).getKey(), i);
            }
            return kept;
        }
    }
}
