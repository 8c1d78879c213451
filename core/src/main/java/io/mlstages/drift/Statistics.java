package io.mlstages.drift;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample statistics behind drift detection, as pure functions of sorted arrays, counts or shares.
 * Each is checked against scipy in {@code StatisticsTest} (fixtures written by
 * {@code src/test/resources/drift/make_fixtures.py}); where a choice differs from a scipy default, the method
 * comment says which scipy computation it matches.
 */
final class Statistics {

    /** Zero shares are replaced by this before PSI takes logarithms (the common convention, also Evidently's). */
    static final double PSI_EPSILON = 1e-4;

    /**
     * Below this product of the sample sizes the KS p-value is exact, above it asymptotic: Commons Math's
     * rule ({@code KolmogorovSmirnovTest.LARGE_SAMPLE_PRODUCT}, protected there, so repeated here).
     */
    static final long KS_EXACT_PRODUCT = 10_000;

    /** Beyond this t the Kolmogorov tail is below 1e-300, so the series is skipped. */
    private static final double KOLMOGOROV_UNDERFLOW = 19.0;

    /** Where the Kolmogorov tail switches from the theta-function form to the alternating series (as cephes). */
    private static final double KOLMOGOROV_CUTOVER = 0.82;

    private static final KolmogorovSmirnovTest KS_TEST = new KolmogorovSmirnovTest();

    private Statistics() {
    }

    /** A KS statistic with its p-value, and whether the p-value came from the exact distribution. */
    record Ks(double statistic, double pValue, boolean exactP) {
    }

    /** A chi-square test of a 2 x k table and Cramér's V of the same table. */
    record ChiSquare(double statistic, int dof, double pValue, double cramersV) {
    }

    /** A two-proportion z-test. */
    record Proportions(double z, double pValue) {
    }

    /**
     * The two-sample Kolmogorov–Smirnov test on two sorted samples. D is the largest gap between the two
     * empirical CDFs, evaluated after each distinct value, so tied values are handled as scipy does. The
     * p-value follows Commons Math's rule: exact when n*m &lt; 10000 ({@code exactP(d, n, m, false)}, that is
     * P(D &ge; d) as {@code scipy.stats.ks_2samp(method='exact')}), the Smirnov asymptotic otherwise. Unlike
     * Commons Math's {@code kolmogorovSmirnovTest}, ties are not broken with random jitter (which would change
     * D); the exact p-value then treats the tied sample as tie-free, as scipy does, which is conservative.
     */
    static Ks ks(final double[] sortedX, final double[] sortedY) {
        int n = sortedX.length;
        int m = sortedY.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("KS needs values on both sides, not " + n + " and " + m);
        }
        long nm = (long) n * m;
        double d = integralKsStatistic(sortedX, sortedY) / (double) nm;
        if (nm < KS_EXACT_PRODUCT) {
            double p = KS_TEST.exactP(d, n, m, false);
            return new Ks(d, clampProbability(p), true);
        }
        return new Ks(d, ksAsymptoticP(d, n, m), false);
    }

    /** n*m*D as an integer, so that equal gaps compare exactly. */
    private static long integralKsStatistic(final double[] x, final double[] y) {
        int n = x.length;
        int m = y.length;
        int i = 0;
        int j = 0;
        long best = 0;
        while (i < n && j < m) {
            double z = Math.min(x[i], y[j]);
            while (i < n && x[i] == z) {
                i++;
            }
            while (j < m && y[j] == z) {
                j++;
            }
            best = Math.max(best, Math.abs((long) i * m - (long) j * n));
        }
        // once one sample is exhausted the gap only shrinks toward zero, so the loop has seen the largest
        return best;
    }

    /**
     * The KS statistic of two CDFs evaluated on a common grid (the sketch path): the largest absolute
     * difference. Exact when the grid holds every value of both samples.
     */
    static double ksStatisticFromCdfs(final double[] cdfX, final double[] cdfY) {
        requireSameLength(cdfX, cdfY, "CDF");
        double best = 0;
        for (int i = 0; i < cdfX.length; i++) {
            best = Math.max(best, Math.abs(cdfX[i] - cdfY[i]));
        }
        return best;
    }

    /**
     * The Smirnov asymptotic p-value of a two-sample D: Q(D * sqrt(n m / (n + m))) with Q the Kolmogorov
     * distribution's tail, as Commons Math's {@code approximateP} and {@code scipy.special.kolmogorov}.
     * Computed directly as a tail so that small p-values keep their digits (Commons Math returns 1 - K(t),
     * which is 0 below about 1e-16).
     */
    static double ksAsymptoticP(final double d, final long n, final long m) {
        double en = (double) n * m / ((double) n + m);
        return kolmogorovTail(d * Math.sqrt(en));
    }

    /** P(K &gt; t) for the Kolmogorov distribution K. */
    static double kolmogorovTail(final double t) {
        if (!(t > 0)) {
            return 1;
        }
        if (t >= KOLMOGOROV_UNDERFLOW) {
            return 0;
        }
        if (t < KOLMOGOROV_CUTOVER) {
            // K(t) = sqrt(2 pi) / t * sum_k exp(-(2k-1)^2 pi^2 / (8 t^2)); converges fast for small t
            double w = -Math.PI * Math.PI / (8 * t * t);
            double sum = 0;
            for (int k = 1; k < 100; k++) {
                double term = Math.exp((2 * k - 1) * (2 * k - 1) * w);
                sum += term;
                if (term < 1e-17 * sum) {
                    break;
                }
            }
            return clampProbability(1 - Math.sqrt(2 * Math.PI) / t * sum);
        }
        // Q(t) = 2 sum_k (-1)^(k-1) exp(-2 k^2 t^2); converges fast for larger t
        double sum = 0;
        double sign = 1;
        for (int k = 1; k < 100; k++) {
            double term = Math.exp(-2.0 * k * k * t * t);
            sum += sign * term;
            sign = -sign;
            if (term < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return clampProbability(2 * sum);
    }

    /**
     * Pearson's chi-square test of the 2 x k table (reference counts, current counts), as
     * {@code scipy.stats.chi2_contingency} with its default: Yates' continuity correction only when the table
     * is 2 x 2 (each observed count moves toward its expected count by at most 0.5). Categories empty on both
     * sides are dropped first; with fewer than two left there is nothing to test (statistic 0, p 1). Cramér's
     * V is sqrt(chi2 / N) from the uncorrected statistic, as {@code scipy.stats.contingency.association}.
     */
    static ChiSquare chiSquare(final long[] reference, final long[] current) {
        requireSameLength(reference, current);
        int k = 0;
        long refTotal = 0;
        long curTotal = 0;
        for (int j = 0; j < reference.length; j++) {
            requireCount(reference[j]);
            requireCount(current[j]);
            if (reference[j] + current[j] > 0) {
                k++;
            }
            refTotal += reference[j];
            curTotal += current[j];
        }
        if (k < 2 || refTotal == 0 || curTotal == 0) {
            return new ChiSquare(0, 0, 1, 0);
        }
        double total = (double) refTotal + curTotal;
        int dof = k - 1;
        double corrected = 0;
        double plain = 0;
        for (int j = 0; j < reference.length; j++) {
            long column = reference[j] + current[j];
            if (column == 0) {
                continue;
            }
            for (int row = 0; row < 2; row++) {
                double observed = row == 0 ? reference[j] : current[j];
                double expected = (row == 0 ? refTotal : curTotal) * (double) column / total;
                double diff = observed - expected;
                plain += diff * diff / expected;
                if (dof == 1) {
                    double shrunk = Math.max(0, Math.abs(diff) - 0.5);
                    corrected += shrunk * shrunk / expected;
                }
            }
        }
        double statistic = dof == 1 ? corrected : plain;
        double p = statistic <= 0 ? 1 : Gamma.regularizedGammaQ(dof / 2.0, statistic / 2.0);
        return new ChiSquare(statistic, dof, clampProbability(p), Math.sqrt(plain / total));
    }

    /**
     * The Jensen–Shannon distance with base-2 logarithms (in [0, 1]), as
     * {@code scipy.spatial.distance.jensenshannon(p, q, base=2)}: both vectors are normalised to sum to 1.
     */
    static double jensenShannon(final double[] p, final double[] q) {
        requireSameLength(p, q, "share");
        double sp = sumNonNegative(p);
        double sq = sumNonNegative(q);
        if (sp == 0 || sq == 0) {
            throw new IllegalArgumentException("Jensen-Shannon needs positive totals, not " + sp + " and " + sq);
        }
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] / sp;
            double b = q[i] / sq;
            double mid = (a + b) / 2;
            if (a > 0) {
                divergence += a * Math.log(a / mid);
            }
            if (b > 0) {
                divergence += b * Math.log(b / mid);
            }
        }
        return Math.sqrt(Math.max(0, divergence / (2 * Math.log(2))));
    }

    /**
     * The first Wasserstein distance between two sorted samples: the area between their empirical CDFs, as
     * {@code scipy.stats.wasserstein_distance}.
     */
    static double wasserstein(final double[] sortedX, final double[] sortedY) {
        int n = sortedX.length;
        int m = sortedY.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("Wasserstein needs values on both sides, not " + n + " and " + m);
        }
        int i = 0;
        int j = 0;
        double area = 0;
        double previous = Math.min(sortedX[0], sortedY[0]);
        long gap = 0; // n*m*(F(x) - G(x)) on the current interval, kept integral to avoid drift in the sum
        while (i < n || j < m) {
            double z = j >= m || i < n && sortedX[i] <= sortedY[j] ? sortedX[i] : sortedY[j];
            area += Math.abs((double) gap) * (z - previous);
            while (i < n && sortedX[i] == z) {
                i++;
                gap += m;
            }
            while (j < m && sortedY[j] == z) {
                j++;
                gap -= n;
            }
            previous = z;
        }
        return area / ((double) n * m);
    }

    /**
     * The first Wasserstein distance from the two quantile functions evaluated at the same ranks (the
     * sketch path): the mean absolute difference, which approximates the integral over ranks of
     * |Qx(r) - Qy(r)|. Exact for two samples of size k when the ranks are the k midpoints (i + 0.5) / k.
     */
    static double wassersteinFromQuantiles(final double[] quantilesX, final double[] quantilesY) {
        requireSameLength(quantilesX, quantilesY, "quantile");
        if (quantilesX.length == 0) {
            throw new IllegalArgumentException("Wasserstein needs at least one rank");
        }
        double sum = 0;
        for (int i = 0; i < quantilesX.length; i++) {
            sum += Math.abs(quantilesX[i] - quantilesY[i]);
        }
        return sum / quantilesX.length;
    }

    /** The midpoint ranks (i + 0.5) / k for i = 0 .. k - 1. */
    static double[] midpointRanks(final int k) {
        double[] ranks = new double[k];
        for (int i = 0; i < k; i++) {
            ranks[i] = (i + 0.5) / k;
        }
        return ranks;
    }

    /**
     * The population stability index of two count vectors over the same bins: sum over bins of
     * (c - r) ln(c / r) with r and c the reference and current shares, zero shares replaced by
     * {@link #PSI_EPSILON} so that an empty bin gives a large but finite term.
     */
    static double psi(final long[] referenceCounts, final long[] currentCounts) {
        requireSameLength(referenceCounts, currentCounts);
        return psiFromShares(toDoubles(referenceCounts), toDoubles(currentCounts));
    }

    /** PSI from two share (or count) vectors, each normalised to sum to 1 first. */
    static double psiFromShares(final double[] reference, final double[] current) {
        requireSameLength(reference, current, "share");
        double sr = sumNonNegative(reference);
        double sc = sumNonNegative(current);
        if (sr == 0 || sc == 0) {
            throw new IllegalArgumentException("PSI needs positive totals, not " + sr + " and " + sc);
        }
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = smooth(reference[i] / sr);
            double c = smooth(current[i] / sc);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    private static double smooth(final double share) {
        return share == 0 ? PSI_EPSILON : share;
    }

    /** The largest absolute difference between the two vectors' shares (each normalised to sum to 1). */
    static double lInfinity(final double[] p, final double[] q) {
        requireSameLength(p, q, "share");
        double sp = sumNonNegative(p);
        double sq = sumNonNegative(q);
        if (sp == 0 || sq == 0) {
            throw new IllegalArgumentException("L-infinity needs positive totals, not " + sp + " and " + sq);
        }
        double best = 0;
        for (int i = 0; i < p.length; i++) {
            best = Math.max(best, Math.abs(p[i] / sp - q[i] / sq));
        }
        return best;
    }

    /**
     * The pooled two-proportion z-test of x1 of n1 against x2 of n2 (two-sided); the same p-value as a 2 x 2
     * chi-square without continuity correction. When the pooled proportion is 0 or 1 nothing can differ:
     * z 0, p 1.
     */
    static Proportions twoProportion(final long x1, final long n1, final long x2, final long n2) {
        if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
            throw new IllegalArgumentException("Invalid proportions " + x1 + "/" + n1 + " and " + x2 + "/" + n2);
        }
        double pooled = (double) (x1 + x2) / ((double) n1 + n2);
        if (pooled == 0 || pooled == 1) {
            return new Proportions(0, 1);
        }
        double diff = (double) x2 / n2 - (double) x1 / n1;
        double z = diff / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return new Proportions(z, clampProbability(Erf.erfc(Math.abs(z) / Math.sqrt(2))));
    }

    /**
     * Counts of sorted values per bin for the given ascending edges: bin 0 is (-inf, e0], bin i is
     * (e(i-1), e(i)], the last bin (e(last), +inf). Same bins as numpy's {@code searchsorted(edges, x, 'left')}.
     */
    static long[] binCounts(final double[] sorted, final double[] edges) {
        long[] counts = new long[edges.length + 1];
        int previous = 0;
        for (int i = 0; i < edges.length; i++) {
            int atMost = countAtMost(sorted, edges[i]);
            counts[i] = atMost - previous;
            previous = atMost;
        }
        counts[edges.length] = sorted.length - previous;
        return counts;
    }

    /** Bin shares from a CDF evaluated at the bin edges (same bins as {@link #binCounts}). */
    static double[] binSharesFromCdf(final double[] cdfAtEdges) {
        double[] shares = new double[cdfAtEdges.length + 1];
        double previous = 0;
        for (int i = 0; i < cdfAtEdges.length; i++) {
            double value = Math.max(previous, Math.min(1, cdfAtEdges[i]));
            shares[i] = value - previous;
            previous = value;
        }
        shares[cdfAtEdges.length] = 1 - previous;
        return shares;
    }

    /** The distinct values of an ascending array, in order (equal quantile edges of discrete data merge). */
    static double[] distinctSorted(final double[] ascending) {
        double[] out = new double[ascending.length];
        int k = 0;
        for (double value : ascending) {
            if (k == 0 || value != out[k - 1]) {
                out[k++] = value;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** How many of the sorted values are at most the point. */
    static int countAtMost(final double[] sorted, final double point) {
        return io.mlstages.profile.NumericSummary.countAtMost(sorted, point);
    }

    private static double clampProbability(final double p) {
        return Math.max(0, Math.min(1, p));
    }

    private static double[] toDoubles(final long[] counts) {
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            requireCount(counts[i]);
            out[i] = counts[i];
        }
        return out;
    }

    private static double sumNonNegative(final double[] values) {
        double sum = 0;
        for (double value : values) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("Shares and counts must be finite and non-negative, not "
                        + value);
            }
            sum += value;
        }
        return sum;
    }

    private static void requireCount(final long count) {
        if (count < 0) {
            throw new IllegalArgumentException("Counts must not be negative, not " + count);
        }
    }

    private static void requireSameLength(final long[] a, final long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("The count vectors differ in length: " + a.length + " and "
                    + b.length);
        }
    }

    private static void requireSameLength(final double[] a, final double[] b, final String what) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("The " + what + " vectors differ in length: " + a.length
                    + " and " + b.length);
        }
    }
}
