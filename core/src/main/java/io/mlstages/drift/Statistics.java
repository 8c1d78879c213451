package io.mlstages.drift;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample statistics behind drift detection, as pure functions of sorted arrays, counts or shares.
 * Each is checked against scipy in {@code StatisticsTest} (fixtures written by
 * {@code src/test/resources/drift/make_fixtures.py}) or, for the methods added later, {@code MethodsScipyTest}
 * ({@code make_method_fixtures.py}); where a choice differs from a scipy default, the method
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
     * The Hellinger distance between two share (or count) vectors, each normalised to sum to 1:
     * sqrt(1 - sum sqrt(p q)), in [0, 1] (0 for equal shares, 1 for disjoint supports).
     */
    static double hellinger(final double[] p, final double[] q) {
        requireSameLength(p, q, "share");
        double sp = requirePositiveTotal(p, "Hellinger");
        double sq = requirePositiveTotal(q, "Hellinger");
        double affinity = 0;
        for (int i = 0; i < p.length; i++) {
            affinity += Math.sqrt(p[i] / sp * (q[i] / sq));
        }
        return Math.sqrt(Math.max(0, 1 - affinity));
    }

    /**
     * The Kullback–Leibler divergence KL(current || reference) in nats, as {@code scipy.stats.entropy(c, r)}
     * after zero shares are replaced by {@link #PSI_EPSILON} (so that disjoint supports give a large but finite
     * value) and both vectors are normalised to sum to 1 again.
     */
    static double kullbackLeibler(final double[] reference, final double[] current) {
        requireSameLength(reference, current, "share");
        double sr = requirePositiveTotal(reference, "Kullback-Leibler");
        double sc = requirePositiveTotal(current, "Kullback-Leibler");
        double[] r = new double[reference.length];
        double[] c = new double[current.length];
        double tr = 0;
        double tc = 0;
        for (int i = 0; i < r.length; i++) {
            r[i] = smooth(reference[i] / sr);
            c[i] = smooth(current[i] / sc);
            tr += r[i];
            tc += c[i];
        }
        double kl = 0;
        for (int i = 0; i < r.length; i++) {
            double a = c[i] / tc;
            kl += a * Math.log(a / (r[i] / tr));
        }
        return Math.max(0, kl);
    }

    /** The total-variation distance: half the sum of absolute share differences, in [0, 1]. */
    static double totalVariation(final double[] p, final double[] q) {
        requireSameLength(p, q, "share");
        double sp = requirePositiveTotal(p, "total-variation");
        double sq = requirePositiveTotal(q, "total-variation");
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] / sp - q[i] / sq);
        }
        return Math.min(1, sum / 2);
    }

    private static double requirePositiveTotal(final double[] shares, final String method) {
        double total = sumNonNegative(shares);
        if (total == 0) {
            throw new IllegalArgumentException(method + " needs a positive total on both sides");
        }
        return total;
    }

    /**
     * The gaps between two empirical CDFs at the pooled distinct values, with the pooled weight of each value
     * (its share of all values): the common ground of the Cramér–von Mises, Anderson–Darling and energy
     * scores. Also holds the distinct values, for the energy distance's dx.
     */
    record CdfGaps(double[] points, double[] gaps, double[] pooled, double[] weights) {
    }

    /** {@link CdfGaps} of two sorted samples (exact). */
    static CdfGaps cdfGaps(final double[] sortedX, final double[] sortedY) {
        int n = sortedX.length;
        int m = sortedY.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("CDF gaps need values on both sides, not " + n + " and " + m);
        }
        double total = (double) n + m;
        double[] points = new double[n + m];
        double[] gaps = new double[n + m];
        double[] pooled = new double[n + m];
        double[] weights = new double[n + m];
        int k = 0;
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            double z = j >= m || i < n && sortedX[i] <= sortedY[j] ? sortedX[i] : sortedY[j];
            int before = i + j;
            while (i < n && sortedX[i] == z) {
                i++;
            }
            while (j < m && sortedY[j] == z) {
                j++;
            }
            points[k] = z;
            gaps[k] = (double) i / n - (double) j / m;
            pooled[k] = (i + j) / total;
            weights[k] = (i + j - before) / total;
            k++;
        }
        return new CdfGaps(Arrays.copyOf(points, k), Arrays.copyOf(gaps, k), Arrays.copyOf(pooled, k),
                Arrays.copyOf(weights, k));
    }

    /**
     * {@link CdfGaps} from two CDFs evaluated on an ascending grid (the sketch path), with the pooled CDF
     * (n F + m G) / N; each gap is shrunk toward 0 by {@code slack} (the sketches' rank error), so that sketch
     * noise is not counted as a difference.
     */
    static CdfGaps cdfGaps(final double[] grid, final double[] cdfX, final double[] cdfY, final long n,
            final long m, final double slack) {
        requireSameLength(cdfX, cdfY, "CDF");
        requireSameLength(grid, cdfX, "grid");
        double total = (double) n + m;
        double[] gaps = new double[grid.length];
        double[] pooled = new double[grid.length];
        double[] weights = new double[grid.length];
        double previous = 0;
        for (int i = 0; i < grid.length; i++) {
            double gap = cdfX[i] - cdfY[i];
            gaps[i] = Math.signum(gap) * Math.max(0, Math.abs(gap) - slack);
            double h = Math.max(previous, Math.min(1, (n * cdfX[i] + m * cdfY[i]) / total));
            pooled[i] = h;
            weights[i] = h - previous;
            previous = h;
        }
        return new CdfGaps(grid.clone(), gaps, pooled, weights);
    }

    /**
     * The root-mean-square gap between the two CDFs under the pooled distribution, sqrt(integral (F - G)^2 dH):
     * the Cramér–von Mises distance, in [0, 1], whatever the sample sizes. scipy's two-sample statistic T is
     * about n m / N times its square.
     */
    static double cramerVonMisesDistance(final CdfGaps gaps) {
        double sum = 0;
        for (int i = 0; i < gaps.gaps().length; i++) {
            sum += gaps.gaps()[i] * gaps.gaps()[i] * gaps.weights()[i];
        }
        return Math.sqrt(sum);
    }

    /**
     * The Anderson–Darling distance sqrt(integral (F - G)^2 / (H (1 - H)) dH): the Cramér–von Mises distance
     * with the tails weighted up. Values where the pooled CDF H is 1 (the largest) carry no gap and are skipped.
     */
    static double andersonDarlingDistance(final CdfGaps gaps) {
        double sum = 0;
        for (int i = 0; i < gaps.gaps().length; i++) {
            double h = gaps.pooled()[i];
            if (h > 0 && h < 1) {
                sum += gaps.gaps()[i] * gaps.gaps()[i] * gaps.weights()[i] / (h * (1 - h));
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * The energy distance sqrt(2 integral (F - G)^2 dx), as {@code scipy.stats.energy_distance}: in the square
     * root of the data's unit.
     */
    static double energyDistance(final CdfGaps gaps) {
        double sum = 0;
        double[] points = gaps.points();
        for (int i = 0; i + 1 < points.length; i++) {
            sum += gaps.gaps()[i] * gaps.gaps()[i] * (points[i + 1] - points[i]);
        }
        return Math.sqrt(2 * sum);
    }

    /** A test statistic (as scipy reports it) with its p-value. */
    record Test(double statistic, double pValue) {
    }

    /** Receives one group of equal values of two sorted samples: {@code x[i0..i)} and {@code y[j0..j)}. */
    @FunctionalInterface
    private interface TieGroup {
        void accept(int i0, int i, int j0, int j);
    }

    /**
     * Walks two sorted samples in pooled order, one group of equal values at a time (the rank tests' common loop).
     *
     * @param test what needs the samples, for the error when one is empty
     * @return how many distinct values the two samples hold together
     */
    private static int forEachTie(final String test, final double[] sortedX, final double[] sortedY,
            final TieGroup group) {
        int n = sortedX.length;
        int m = sortedY.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException(test + " needs values on both sides, not " + n + " and " + m);
        }
        int distinct = 0;
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            double z = j >= m || i < n && sortedX[i] <= sortedY[j] ? sortedX[i] : sortedY[j];
            int i0 = i;
            int j0 = j;
            while (i < n && sortedX[i] == z) {
                i++;
            }
            while (j < m && sortedY[j] == z) {
                j++;
            }
            distinct++;
            group.accept(i0, i, j0, j);
        }
        return distinct;
    }

    /** Up to this many values on the larger side the Cramér–von Mises p-value is exact (scipy's 'auto' rule). */
    static final int CVM_EXACT_MAX = 20;

    /**
     * The two-sample Cramér–von Mises test on two sorted samples, as
     * {@code scipy.stats.cramervonmises_2samp(x, y)} (method 'auto'): T from the ranks (ties get their average
     * rank); the p-value exact when neither side has more than 20 values, else Anderson's normalisation of T by
     * its exact mean and variance, referred to the limiting one-sample distribution.
     */
    static Test cramerVonMises(final double[] sortedX, final double[] sortedY) {
        int n = sortedX.length;
        int m = sortedY.length;
        // U = n sum (r_i - i)^2 + m sum (s_j - j)^2 with r, s the pooled (average) ranks of the sorted samples
        double[] sums = new double[2];
        forEachTie("Cramer-von Mises", sortedX, sortedY, (i0, i, j0, j) -> {
            double rank = (i0 + j0 + 1 + i + j) / 2.0;
            for (int a = i0 + 1; a <= i; a++) {
                sums[0] += (rank - a) * (rank - a);
            }
            for (int b = j0 + 1; b <= j; b++) {
                sums[1] += (rank - b) * (rank - b);
            }
        });
        double k = (double) n * m;
        double total = (double) n + m;
        double u = n * sums[0] + m * sums[1];
        double t = u / (k * total) - (4 * k - 1) / (6 * total);
        return new Test(t, Math.max(n, m) <= CVM_EXACT_MAX ? cramerVonMisesExactP(u, n, m)
                : cramerVonMisesP(t, n, m));
    }

    /**
     * The exact p-value P(U' &ge; u) of the rank statistic U under the null, by counting the C(n + m, n)
     * orderings of the two samples (Xiao, Gordon and Yakovlev's lattice-path recursion, as scipy's
     * {@code _pval_cvm_2samp_exact}): a path of the ordering through the (n + 1) x (m + 1) grid adds
     * (a v - b w)^2 at each point, a = lcm / n and b = lcm / m, and U maps to a bound on that sum.
     */
    static double cramerVonMisesExactP(final double u, final int n, final int m) {
        long lcm = (long) n / gcd(n, m) * m;
        long a = lcm / n;
        long b = lcm / m;
        double nm = (double) n * m;
        double zeta = Math.floor((double) lcm * lcm * (n + m) * (6 * u - nm * (4 * nm - 1)) / (6 * nm * nm));
        // row[v]: for the paths reaching (w, v), the sums they reach (ascending) and how many reach each;
        // sorted primitive arrays merged in one pass, since boxed maps took seconds at 20 against 19 values
        Sums[] row = new Sums[n + 1];
        row[0] = new Sums(new long[] {0}, new long[] {1});
        for (int v = 1; v <= n; v++) {
            row[v] = Sums.EMPTY;
        }
        for (int w = 0; w <= m; w++) {
            Sums left = Sums.EMPTY;
            for (int v = 0; v <= n; v++) {
                long cost = (a * v - b * w) * (a * v - b * w);
                left = Sums.merge(left, row[v], cost);
                row[v] = left;
            }
        }
        long atLeast = 0;
        long all = 0;
        Sums end = row[n];
        for (int i = 0; i < end.sums().length; i++) {
            all += end.counts()[i];
            if (end.sums()[i] >= zeta) {
                atLeast += end.counts()[i];
            }
        }
        return clampProbability((double) atLeast / all);
    }

    /** Path sums in ascending order with the number of paths reaching each. */
    private record Sums(long[] sums, long[] counts) {
        static final Sums EMPTY = new Sums(new long[0], new long[0]);

        /** The union of two such lists (counts of equal sums added), every sum then raised by {@code cost}. */
        static Sums merge(final Sums x, final Sums y, final long cost) {
            long[] sums = new long[x.sums.length + y.sums.length];
            long[] counts = new long[sums.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < x.sums.length || j < y.sums.length) {
                long next = j >= y.sums.length || i < x.sums.length && x.sums[i] <= y.sums[j] ? x.sums[i] : y.sums[j];
                long count = 0;
                if (i < x.sums.length && x.sums[i] == next) {
                    count += x.counts[i++];
                }
                if (j < y.sums.length && y.sums[j] == next) {
                    count += y.counts[j++];
                }
                sums[k] = next + cost;
                counts[k++] = count;
            }
            return new Sums(Arrays.copyOf(sums, k), Arrays.copyOf(counts, k));
        }
    }

    private static int gcd(final int a, final int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The asymptotic p-value of scipy's two-sample T (its mean and variance for these sizes, then the limit law). */
    static double cramerVonMisesP(final double t, final double n, final double m) {
        double k = n * m;
        double total = n + m;
        double mean = (1 + 1 / total) / 6;
        double variance = (total + 1) * (4 * k * total - 3 * (n * n + m * m) - 2 * k)
                / (45 * total * total * 4 * k);
        double tn = 1.0 / 6 + (t - mean) / Math.sqrt(45 * variance);
        if (tn < 0.003) {
            // the limit CDF there is below 1e-18
            return 1;
        }
        return clampProbability(1 - cramerVonMisesLimitCdf(tn));
    }

    /**
     * The CDF of the limiting one-sample Cramér–von Mises distribution (Csörgő and Faraway 1996, eq. 1.3): a
     * series of terms with the modified Bessel function K_1/4, summed until a term is below 1e-7 (as scipy).
     */
    static double cramerVonMisesLimitCdf(final double x) {
        double total = 0;
        for (int k = 0; k < 1000; k++) {
            double u = Math.exp(Gamma.logGamma(k + 0.5) - Gamma.logGamma(k + 1)) / (Math.pow(Math.PI, 1.5)
                    * Math.sqrt(x));
            double y = 4 * k + 1;
            double q = y * y / (16 * x);
            // exp(-q) K(q) in scipy's form = exp(-2q) times the scaled exp(q) K(q)
            double term = u * Math.sqrt(y) * Math.exp(-2 * q) * scaledBesselK(0.25, q);
            total += term;
            if (Math.abs(term) < 1e-7) {
                break;
            }
        }
        return total;
    }

    /**
     * exp(q) K_nu(q), the modified Bessel function of the second kind scaled, for q &gt; 0, from its integral
     * form int_0^inf exp(-q (cosh t - 1)) cosh(nu t) dt; the trapezoid rule converges geometrically on this
     * smooth, fast-decaying integrand.
     */
    static double scaledBesselK(final double nu, final double q) {
        double step = 0.01;
        double sum = 0.5; // the t = 0 end, halved
        for (int i = 1; i < 100_000; i++) {
            double t = i * step;
            double term = Math.exp(-q * (Math.cosh(t) - 1)) * Math.cosh(nu * t);
            sum += term;
            if (term < 1e-18 * sum) {
                break;
            }
        }
        return sum * step;
    }

    /** The Anderson–Darling k-sample significance levels and the coefficients of their critical values. */
    private static final double[] AD_LEVELS = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
    private static final double[] AD_B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    private static final double[] AD_B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    private static final double[] AD_B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};

    /** The p-value floor and cap of the interpolated Anderson–Darling p-value. */
    static final double AD_P_FLOOR = 0.001;
    static final double AD_P_CAP = 0.25;

    /**
     * The two-sample Anderson–Darling test (the k-sample test of Scholz and Stephens with k = 2, midrank
     * version for ties) on two sorted samples, as {@code scipy.stats.anderson_ksamp([x, y])}: the standardised
     * statistic and the p-value interpolated from the tabulated critical values, capped at 0.25 and floored at
     * 0.001. With a single distinct value in both samples together there is nothing to test: 0 and p 1.
     */
    static Test andersonDarling(final double[] sortedX, final double[] sortedY) {
        int n = sortedX.length;
        int m = sortedY.length;
        double big = (double) n + m;
        double[] sum = new double[1];
        int distinct = forEachTie("Anderson-Darling", sortedX, sortedY, (i0, i, j0, j) -> {
            double l = (i - i0) + (j - j0);
            double b = i0 + j0 + l / 2;
            double denominator = b * (big - b) - big * l / 4;
            if (denominator <= 0) {
                return;
            }
            double mx = i - (i - i0) / 2.0;
            double my = j - (j - j0) / 2.0;
            sum[0] += l / big * ((big * mx - b * n) * (big * mx - b * n) / denominator / n
                    + (big * my - b * m) * (big * my - b * m) / denominator / m);
        });
        if (distinct < 2) {
            return new Test(0, 1);
        }
        double a2 = sum[0] * ((big - 1) / big);
        double standardised = andersonDarlingStandardised(a2, n, m);
        return new Test(standardised, andersonDarlingP(standardised));
    }

    /**
     * Scholz and Stephens' standardisation of the k-sample statistic for k = 2: (A2 - 1) / sigma with sigma^2
     * its exact variance for these sizes. Needs at least 4 values in all. Above 100 000 values (sketches only:
     * exact values stop at 2 x the profile's exact limit) the harmonic sums are not summed but expanded:
     * h = ln(N - 1) + gamma + 1 / (2 (N - 1)), g = pi^2 / 6 - (2 h + 1) / N, which matches the sums to 1e-10 at
     * N = 1e5 and 1e6 (checked against numpy) and saves a pass of N steps per column.
     */
    static double andersonDarlingStandardised(final double a2, final double n, final double m) {
        double big = n + m;
        if (big < 4) {
            return Double.NaN;
        }
        double h;
        double g;
        if (big <= 100_000) {
            // h = sum_{i=1}^{N-1} 1/i; g = sum_{i=1}^{N-2} sum_{j=i+1}^{N-1} 1 / ((N - i) j), as scipy's cumulative sums
            double cumulative = 0;
            g = 0;
            long count = (long) big;
            for (long r = count - 1; r >= 2; r--) {
                cumulative += 1.0 / r;
                g += cumulative / (count - r + 1);
            }
            h = cumulative + 1;
        } else {
            h = Math.log(big - 1) + 0.5772156649015329 + 1 / (2 * (big - 1));
            g = Math.PI * Math.PI / 6 - (2 * h + 1) / big;
        }
        int k = 2;
        double sumInverse = 1 / n + 1 / m;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * sumInverse;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * sumInverse - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * sumInverse + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double variance = (a * big * big * big + b * big * big + c * big + d) / ((big - 1) * (big - 2) * (big - 3));
        return (a2 - (k - 1)) / Math.sqrt(variance);
    }

    /**
     * The p-value of a standardised two-sample Anderson–Darling statistic, as scipy: the log of the tabulated
     * significance levels fitted by a quadratic in the critical values (least squares) and evaluated at the
     * statistic; below the table 0.25, above it 0.001.
     */
    static double andersonDarlingP(final double standardised) {
        if (Double.isNaN(standardised)) {
            return 1;
        }
        int levels = AD_LEVELS.length;
        double[] critical = new double[levels];
        double sqrtM = 1; // sqrt(k - 1) with k = 2
        for (int i = 0; i < levels; i++) {
            critical[i] = AD_B0[i] + AD_B1[i] / sqrtM + AD_B2[i];
        }
        if (standardised < critical[0]) {
            return AD_P_CAP;
        }
        if (standardised > critical[levels - 1]) {
            return AD_P_FLOOR;
        }
        double[] logLevels = new double[levels];
        for (int i = 0; i < levels; i++) {
            logLevels[i] = Math.log(AD_LEVELS[i]);
        }
        double[] fit = quadraticFit(critical, logLevels);
        return clampProbability(Math.exp(fit[0] * standardised * standardised + fit[1] * standardised + fit[2]));
    }

    /** Least-squares coefficients (a, b, c) of y = a x^2 + b x + c, from the normal equations. */
    private static double[] quadraticFit(final double[] x, final double[] y) {
        double[][] normal = new double[3][4];
        for (int i = 0; i < x.length; i++) {
            double[] row = {x[i] * x[i], x[i], 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    normal[r][c] += row[r] * row[c];
                }
                normal[r][3] += row[r] * y[i];
            }
        }
        RealMatrix matrix = new Array2DRowRealMatrix(new double[][] {
            {normal[0][0], normal[0][1], normal[0][2]},
            {normal[1][0], normal[1][1], normal[1][2]},
            {normal[2][0], normal[2][1], normal[2][2]}});
        RealVector rhs = new ArrayRealVector(new double[] {normal[0][3], normal[1][3], normal[2][3]});
        return new QRDecomposition(matrix).getSolver().solve(rhs).toArray();
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
