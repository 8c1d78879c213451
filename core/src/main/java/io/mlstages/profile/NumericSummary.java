package io.mlstages.profile;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a profile keeps of a numeric column's finite values: moments, extremes, a fixed-bin histogram, a KLL
 * quantile sketch ({@link QuantileSketch}), and, while the column is small, the values themselves (so that small samples get exact
 * statistics).
 *
 * <p>The arrays are copied on the way in and out, so a summary is immutable. {@link #equals} compares the
 * arrays by content.</p>
 *
 * <p>{@link #cdf} and {@link #quantiles} use the same convention whether exact or sketched: the CDF at x is
 * the share of values {@code <= x}, and the quantile at rank r is the smallest value whose CDF is at least r
 * (the lower empirical quantile, the inverse of the step ECDF; rank 0 gives the minimum, rank 1 the maximum).
 * The sketch's sorted view answers with exactly these meanings.</p>
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
 * @param sketch            the KLL sketch of the finite values, serialized ({@link QuantileSketch#toByteArray};
 *                          older profiles hold DataSketches' compact KLL form, which is read as well)
 * @param values            the finite values, sorted ascending, while there are at most the profile's
 *                          {@code exactLimit} of them; null beyond that
 */
public record NumericSummary(long finite, long nan, long positiveInfinity, long negativeInfinity,
        double min, double max, double mean, double std, Histogram histogram, byte[] sketch,
        @CheckForNull double[] values) {

    public NumericSummary {
        requireCount("finite", finite);
        requireCount("nan", nan);
        requireCount("positiveInfinity", positiveInfinity);
        requireCount("negativeInfinity", negativeInfinity);
        Objects.requireNonNull(histogram, "histogram");
        Objects.requireNonNull(sketch, "sketch");
        sketch = sketch.clone();
        if (values != null) {
            if (values.length != finite) {
                throw new IllegalArgumentException("values holds " + values.length + " numbers but finite is "
                        + finite);
            }
            values = values.clone();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i]) || i > 0 && values[i] < values[i - 1]) {
                    throw new IllegalArgumentException("values must be finite and sorted ascending; position "
                            + i + " holds " + values[i]);
                }
            }
        }
    }

    private static void requireCount(final String name, final long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, not " + value);
        }
    }

    /** The serialized KLL sketch (a copy). */
    @Override
    public byte[] sketch() {
        return sketch.clone();
    }

    /** The sorted finite values (a copy), or null when the column had more than {@code exactLimit}. */
    @Override
    @CheckForNull
    public double[] values() {
        return values == null ? null : values.clone();
    }

    /** Whether the exact values are kept, so that statistics need no sketch. */
    public boolean isExact() {
        return values != null;
    }

    /**
     * The share of finite values that are at most each point (the empirical CDF): exact when the values are
     * kept, from the sketch otherwise. NaN for every point when there are no finite values, and for a NaN
     * point.
     */
    public double[] cdf(final double[] points) {
        double[] result = new double[points.length];
        if (finite == 0) {
            Arrays.fill(result, Double.NaN);
            return result;
        }
        QuantileSketch.SortedView view = values == null ? SketchCache.sortedView(sketch) : null;
        for (int i = 0; i < points.length; i++) {
            double point = points[i];
            if (Double.isNaN(point)) {
                result[i] = Double.NaN;
            } else if (values != null) {
                result[i] = (double) countAtMost(values, point) / values.length;
            } else {
                result[i] = view.rank(point);
            }
        }
        return result;
    }

    /**
     * The values at each rank in [0, 1] (the lower empirical quantile, see the class comment): exact when the
     * values are kept, from the sketch otherwise. NaN for every rank when there are no finite values.
     *
     * @throws IllegalArgumentException when a rank is outside [0, 1] or NaN
     */
    public double[] quantiles(final double[] ranks) {
        for (double rank : ranks) {
            if (!(rank >= 0 && rank <= 1)) {
                throw new IllegalArgumentException("A rank must be between 0 and 1, not " + rank);
            }
        }
        double[] result = new double[ranks.length];
        if (finite == 0) {
            Arrays.fill(result, Double.NaN);
            return result;
        }
        QuantileSketch.SortedView view = values == null ? SketchCache.sortedView(sketch) : null;
        for (int i = 0; i < ranks.length; i++) {
            if (values != null) {
                result[i] = values[lowerQuantileIndex(ranks[i], values.length)];
            } else if (ranks[i] == 0) {
                result[i] = min; // the extremes are known exactly: no need to trust the sketch at the ends
            } else if (ranks[i] == 1) {
                result[i] = max;
            } else {
                result[i] = view.quantile(ranks[i]);
            }
        }
        return result;
    }

    /**
     * The sketch's normalised rank error (its 99% bound, one rank) when the CDF comes from a sketch that has
     * compacted values away; 0 when it is exact (values kept, or a sketch that still holds every value).
     */
    public double rankError() {
        if (values != null || finite == 0) {
            return 0;
        }
        return QuantileSketch.fromBytes(sketch).rankError();
    }

    /** The number of values in an ascending array that are at most the point (a binary search). */
    public static int countAtMost(final double[] sorted, final double point) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= point) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The 0-based index of the smallest value whose ECDF reaches the rank. The product rank * n is rounded to
     * 8 decimals first so that, say, 0.3 * 10 counts as 3 and not 3.0000000000000004 (DataSketches does the
     * same, which keeps the exact and the sketched answers alike).
     */
    static int lowerQuantileIndex(final double rank, final int n) {
        double natural = Math.round(rank * n * 1e8) / 1e8;
        long index = (long) Math.ceil(natural) - 1;
        return (int) Math.max(0, Math.min(n - 1, index));
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof NumericSummary)) {
            return false;
        }
        NumericSummary that = (NumericSummary) other;
        return finite == that.finite && nan == that.nan && positiveInfinity == that.positiveInfinity
                && negativeInfinity == that.negativeInfinity
                && Double.compare(min, that.min) == 0 && Double.compare(max, that.max) == 0
                && Double.compare(mean, that.mean) == 0 && Double.compare(std, that.std) == 0
                && histogram.equals(that.histogram) && Arrays.equals(sketch, that.sketch)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(finite, nan, positiveInfinity, negativeInfinity, min, max, mean, std, histogram);
        hash = 31 * hash + Arrays.hashCode(sketch);
        return 31 * hash + Arrays.hashCode(values);
    }

    /** A short description; the sketch and the values are summarised by their sizes. */
    @Override
    public String toString() {
        return "NumericSummary[finite=" + finite + ", nan=" + nan + ", positiveInfinity=" + positiveInfinity
                + ", negativeInfinity=" + negativeInfinity + ", min=" + min + ", max=" + max + ", mean=" + mean
                + ", std=" + std + ", histogram=" + histogram + ", sketch=" + sketch.length + " bytes, values="
                + (values == null ? "null" : values.length + " numbers") + "]";
    }

    /**
     * Equal-width bins: {@code edges} has one more entry than {@code counts}. Bin i holds the values in
     * [edges[i], edges[i+1]), the last bin also its upper edge.
     */
    public record Histogram(List<Double> edges, List<Long> counts) {
        public Histogram {
            edges = List.copyOf(edges);
            counts = List.copyOf(counts);
            if (counts.isEmpty() ? !edges.isEmpty() : edges.size() != counts.size() + 1) {
                throw new IllegalArgumentException("A histogram needs one more edge than counts, not "
                        + edges.size() + " edges for " + counts.size() + " counts");
            }
        }

        /** The histogram of a column without finite values. */
        public static Histogram empty() {
            return new Histogram(List.of(), List.of());
        }
    }
}
