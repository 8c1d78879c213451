package io.mlstages.profile;

import java.util.List;

/**
 * What a profile keeps of a numeric column's finite values: moments, extremes, a fixed-bin histogram, a KLL
 * quantile sketch, and, while the column is small, the values themselves (so that small samples get exact
 * statistics).
 *
 * @param finite            how many finite values the column had
 * @param nan               how many NaN values it had (only when NaN is not a missing token)
 * @param positiveInfinity  how many +Infinity values
 * @param negativeInfinity  how many -Infinity values
 * @param min               the smallest finite value (NaN when there is none)
 * @param max               the largest finite value (NaN when there is none)
 * @param mean              the mean of the finite values (NaN when there is none)
 * @param std               the sample standard deviation (n - 1) of the finite values (NaN below two values)
 * @param histogram         equal-width bins over [min, max]
 * @param sketch            the KLL sketch of the finite values, serialized (DataSketches' compact form)
 * @param values            the finite values, sorted ascending, while there are at most the profile's
 *                          {@code exactLimit} of them; null beyond that
 */
public record NumericSummary(long finite, long nan, long positiveInfinity, long negativeInfinity,
        double min, double max, double mean, double std, Histogram histogram, byte[] sketch, double[] values) {

    /** Whether the exact values are kept, so that statistics need no sketch. */
    public boolean isExact() {
        return values != null;
    }

    /**
     * The share of finite values that are at most each point (the empirical CDF): exact when the values are
     * kept, from the sketch otherwise.
     */
    public double[] cdf(final double[] points) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The values at each rank in [0, 1]: exact when the values are kept, from the sketch otherwise. */
    public double[] quantiles(final double[] ranks) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Equal-width bins: {@code edges} has one more entry than {@code counts}. */
    public record Histogram(List<Double> edges, List<Long> counts) {
    }
}
