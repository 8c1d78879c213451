package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Benjamini–Hochberg control of the false discovery rate over the tests of one check: every column, and every
 * segment when a check runs per segment, is one test keyed by (segment, column).
 *
 * <p>With m p-values sorted ascending, p(1) ≤ … ≤ p(m), the step-up rule rejects the k smallest, k the largest
 * i with p(i) &lt; i·q/m. The q-value (BH-adjusted p) of p(i) is min over j ≥ i of min(1, m·p(j)/j); a test is
 * rejected exactly when its q-value is below q, and then exactly when its p-value is below the cutoff (about
 * k·q/m). The comparison is strict, as alpha's is ({@code p < alpha}), so that one test at q is the same as one
 * test at alpha = q; scipy and the original paper write "at most", which differs only for a p-value landing
 * exactly on a critical value.</p>
 */
public final class FalseDiscovery {
    private FalseDiscovery() {
    }

    /**
     * One test of the family.
     *
     * @param segment the segment the column was compared in, or null for the whole data
     * @param column  the column
     */
    public record Key(@CheckForNull String segment, String column) {
        public Key {
            Objects.requireNonNull(column, "column");
        }
    }

    /**
     * The decision on one test.
     *
     * @param key      which test
     * @param pValue   its raw p-value
     * @param qValue   its Benjamini–Hochberg adjusted p-value
     * @param rejected whether the null hypothesis (no change) is rejected: the q-value is below q
     */
    public record Decision(Key key, double pValue, double qValue, boolean rejected) {
    }

    /**
     * The family's decisions.
     *
     * @param q         the false discovery rate controlled
     * @param cutoff    a p-value below this is rejected: k·q/m for k rejections, q/m (nothing rejected) when k is 0
     * @param decisions one per test, in the order given
     */
    public record Family(double q, double cutoff, List<Decision> decisions) {
        public Family {
            decisions = List.copyOf(decisions);
        }

        /** The decisions by key. */
        public Map<Key, Decision> byKey() {
            Map<Key, Decision> out = new LinkedHashMap<>();
            decisions.forEach(d -> out.put(d.key(), d));
            return out;
        }

        /** How many tests were rejected. */
        public long rejected() {
            return decisions.stream().filter(Decision::rejected).count();
        }
    }

    /**
     * Applies the step-up rule at level q to the p-values, keyed by test.
     *
     * @throws IllegalArgumentException when q is not strictly between 0 and 1, or a p-value is not in [0, 1]
     */
    public static Family control(final Map<Key, Double> pValues, final double q) {
        DriftOptions.requireProbability("The false discovery rate q", q);
        List<Key> keys = new ArrayList<>(pValues.keySet());
        double[] p = new double[keys.size()];
        for (int i = 0; i < p.length; i++) {
            Double value = pValues.get(keys.get(i));
            p[i] = value == null ? Double.NaN : value;
        }
        double[] adjusted = adjust(p);
        List<Decision> decisions = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            decisions.add(new Decision(keys.get(i), p[i], adjusted[i], adjusted[i] < q));
        }
        double cutoff = cutoff(p, adjusted, q);
        return new Family(q, cutoff, decisions);
    }

    /**
     * The Benjamini–Hochberg adjusted p-values (q-values), in the order of the input: as
     * {@code scipy.stats.false_discovery_control(p, method='bh')}. Tied p-values get the same q-value; the
     * q-values are monotone in the p-values and never below them.
     *
     * @throws IllegalArgumentException naming the first p-value not in [0, 1]
     */
    public static double[] adjust(final double[] p) {
        int m = p.length;
        Integer[] order = sortedOrder(p);
        double[] out = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            // m / rank first, as scipy: at rank m the factor is exactly 1, so the largest q-value is its p-value
            running = Math.min(running, Math.min(1, p[i] * ((double) m / rank)));
            out[i] = running;
        }
        return out;
    }

    /**
     * The p-value below which the step-up rule at q rejects: about k·q/m for k rejections (q/m when none), made
     * consistent with the q-values (a p-value is below it exactly when its q-value is below q), as floating point
     * could otherwise put a p-value that lands on a critical value on different sides of the two.
     */
    static double cutoff(final double[] p, final double[] adjusted, final double q) {
        int m = p.length;
        if (m == 0) {
            return q;
        }
        double largestRejected = -1;
        double smallestKept = Double.POSITIVE_INFINITY;
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (adjusted[i] < q) {
                k++;
                largestRejected = Math.max(largestRejected, p[i]);
            }
            else {
                smallestKept = Math.min(smallestKept, p[i]);
            }
        }
        double cutoff = Math.min(Math.max(k, 1) * q / m, smallestKept);
        return k == 0 ? cutoff : Math.max(Math.nextUp(largestRejected), cutoff);
    }

    private static Integer[] sortedOrder(final double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("A p-value must be in [0, 1], not " + p[i] + " (test " + (i + 1)
                        + " of " + p.length + ")");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }
}
