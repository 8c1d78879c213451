package io.mlstages.estimate;

import java.util.Arrays;

/**
 * A non-decreasing step function fitted to (score, outcome) pairs by pool-adjacent-violators, read between the
 * pooled blocks by linear interpolation and clipped to the first and last block outside them (as scikit-learn's
 * {@code IsotonicRegression(out_of_bounds="clip")} reads it).
 */
final class Isotonic {
    /** The knots: each pooled block contributes its lowest and highest score, both at the block's mean. */
    private final double[] x;
    private final double[] y;

    private Isotonic(final double[] x, final double[] y) {
        this.x = x;
        this.y = y;
    }

    /**
     * Fits scores to outcomes (0 or 1, or any value in between) with unit weights.
     *
     * @throws IllegalArgumentException when there are no pairs, the lengths differ or a score is not finite
     */
    static Isotonic fit(final double[] scores, final double[] outcomes) {
        int n = scores.length;
        if (n == 0 || outcomes.length != n) {
            throw new IllegalArgumentException("An isotonic fit needs pairs: " + n + " scores, " + outcomes.length
                    + " outcomes");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("Score " + i + " is " + scores[i] + ", not a finite number");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // equal scores first become one point (their mean outcome, their count as weight), so that ties are not split
        double[] points = new double[n];
        double[] sums = new double[n];
        double[] counts = new double[n];
        int distinct = 0;
        for (int r = 0; r < n; r++) {
            double s = scores[order[r]];
            if (distinct == 0 || s != points[distinct - 1]) {
                points[distinct++] = s;
            }
            sums[distinct - 1] += outcomes[order[r]];
            counts[distinct - 1]++;
        }
        double[] lo = new double[distinct];
        double[] hi = new double[distinct];
        double[] mean = new double[distinct];
        double[] weight = new double[distinct];
        int blocks = 0;
        for (int p = 0; p < distinct; p++) {
            lo[blocks] = points[p];
            hi[blocks] = points[p];
            mean[blocks] = sums[p] / counts[p];
            weight[blocks] = counts[p];
            blocks++;
            // pool while the last two blocks violate the order
            while (blocks > 1 && mean[blocks - 2] >= mean[blocks - 1]) {
                int a = blocks - 2;
                int b = blocks - 1;
                double w = weight[a] + weight[b];
                mean[a] = (mean[a] * weight[a] + mean[b] * weight[b]) / w;
                weight[a] = w;
                hi[a] = hi[b];
                blocks--;
            }
        }
        double[] kx = new double[2 * blocks];
        double[] ky = new double[2 * blocks];
        int k = 0;
        for (int b = 0; b < blocks; b++) {
            kx[k] = lo[b];
            ky[k++] = mean[b];
            if (hi[b] > lo[b]) {
                kx[k] = hi[b];
                ky[k++] = mean[b];
            }
        }
        return new Isotonic(Arrays.copyOf(kx, k), Arrays.copyOf(ky, k));
    }

    /** The fitted value at a score. */
    double apply(final double score) {
        if (!(score > x[0])) {
            return y[0];
        }
        int last = x.length - 1;
        if (score >= x[last]) {
            return y[last];
        }
        int at = Arrays.binarySearch(x, score);
        if (at >= 0) {
            return y[at];
        }
        int right = -at - 1;
        int left = right - 1;
        double t = (score - x[left]) / (x[right] - x[left]);
        return y[left] + t * (y[right] - y[left]);
    }
}
