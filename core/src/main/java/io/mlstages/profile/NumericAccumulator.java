package io.mlstages.profile;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Summarises one numeric column in one pass. Finite values are buffered in blocks; each full block is sorted
 * (see {@link BlockSorter}) and then updates the moments (the block's own mean and squared deviations, merged
 * into the running ones with Chan's formula, which is as stable as Welford's per-value update and needs no
 * division per value), the extremes and, while under the limit, the kept values; the KLL sketch is made only
 * when the column passes the limit (fed the kept values then) or at the end, so a short column costs no sketch
 * while it is read. NaN and the infinities are only counted.
 *
 * <p>Every buffer starts small and grows with the column, so that a table of many short columns (20,000
 * columns of a few rows) fits in a small heap.</p>
 */
final class NumericAccumulator {
    /** The largest block: 8192 values, enough for the sorted-input speed-up of the sketch. */
    static final int MAX_BLOCK = 8192;
    private static final int FIRST_BLOCK = 16;

    private final ProfileSettings settings;
    private final BlockSorter sorter;
    private final int blockSize;
    @CheckForNull private double[] block;
    private int filled;

    private long nan;
    private long positiveInfinity;
    private long negativeInfinity;
    private final Moments moments = new Moments();
    @CheckForNull private QuantileSketch sketch;
    @CheckForNull private double[] values;
    private boolean keepingValues;

    /**
     * @param blockSize how many values to buffer before summarising (at most the sorter's capacity)
     * @param sorter    scratch space for sorting blocks, shared by the accumulators of one profiler
     */
    NumericAccumulator(final ProfileSettings settings, final int blockSize, final BlockSorter sorter) {
        this.settings = settings;
        this.sorter = sorter;
        this.blockSize = blockSize;
        this.keepingValues = true;
    }

    void add(final double value) {
        if (value - value == 0) { // finite: NaN and the infinities give NaN here
            double[] block = this.block;
            if (block == null || filled == block.length) {
                if (block != null && block.length == blockSize) {
                    flush();
                } else {
                    block = block == null ? new double[Math.min(FIRST_BLOCK, blockSize)]
                            : Arrays.copyOf(block, Math.min(2 * block.length, blockSize));
                    this.block = block;
                }
            }
            block[filled++] = value;
        } else if (value != value) {
            nan++;
        } else if (value > 0) {
            positiveInfinity++;
        } else {
            negativeInfinity++;
        }
    }

    private void flush() {
        if (filled == 0) {
            return;
        }
        double[] block = Objects.requireNonNull(this.block, "the block that holds the values");
        sorter.sort(block, filled);
        moments.addSortedBlock(block, filled);
        if (keepingValues) {
            long total = moments.n;
            int start = (int) (total - filled);
            if (total > settings.exactLimit()) {
                // past the limit: the sketch takes over, starting with the values kept so far
                keepingValues = false;
                sketch = new QuantileSketch(settings.sketchK());
                double[] kept = values == null ? new double[0] : values; // null only when none were kept (start 0)
                for (int i = 0; i < start; i++) {
                    sketch.update(kept[i]);
                }
                values = null;
            } else {
                if (values == null || values.length < total) {
                    values = Arrays.copyOf(values == null ? new double[0] : values,
                            (int) Math.min(settings.exactLimit(), Math.max(total, 2L * (values == null ? 8 : values.length))));
                }
                System.arraycopy(block, 0, values, start, filled);
            }
        }
        if (!keepingValues) {
            // a sorted block is compacted as a whole before it joins the sketch (see QuantileSketch#updateSorted)
            Objects.requireNonNull(this.sketch, "the sketch that took over").updateSorted(block, filled);
        }
        filled = 0;
    }

    NumericSummary finish() {
        flush();
        double[] exact = null;
        QuantileSketch sketch = this.sketch;
        if (keepingValues) {
            exact = values == null ? new double[0] : Arrays.copyOf(values, (int) moments.n);
            Arrays.sort(exact);
            sketch = new QuantileSketch(settings.sketchK());
            for (double value : exact) {
                sketch.update(value);
            }
        }
        block = null; // the column is done: let its buffers go before the next one is summarised
        values = null;
        return summary(nan, positiveInfinity, negativeInfinity, moments, sketch, exact, settings);
    }

    /** The summary of both columns together (see {@link Profile#merge}). */
    static NumericSummary merge(final NumericSummary a, final NumericSummary b, final ProfileSettings settings) {
        Moments moments = Moments.of(a);
        moments.merge(Moments.of(b));
        QuantileSketch sketch = QuantileSketch.fromBytes(a.sketch());
        sketch.merge(QuantileSketch.fromBytes(b.sketch()));
        double[] exact = null;
        if (a.isExact() && b.isExact() && moments.n <= settings.exactLimit()) {
            double[] left = Objects.requireNonNull(a.values(), "exact values");
            double[] right = Objects.requireNonNull(b.values(), "exact values");
            exact = Arrays.copyOf(left, left.length + right.length);
            System.arraycopy(right, 0, exact, left.length, right.length);
            Arrays.sort(exact);
        }
        return summary(a.nan() + b.nan(), a.positiveInfinity() + b.positiveInfinity(),
                a.negativeInfinity() + b.negativeInfinity(), moments, sketch, exact, settings);
    }

    private static NumericSummary summary(final long nan, final long positiveInfinity,
            final long negativeInfinity, final Moments moments, final QuantileSketch sketch, @CheckForNull final double[] exact,
            final ProfileSettings settings) {
        long n = moments.n;
        double min = n == 0 ? Double.NaN : moments.min;
        double max = n == 0 ? Double.NaN : moments.max;
        double mean = n == 0 ? Double.NaN : moments.mean;
        double std = n < 2 ? Double.NaN : Math.sqrt(moments.m2 / (n - 1));
        NumericSummary.Histogram histogram = histogram(n, min, max, sketch, exact, settings.bins());
        return new NumericSummary(n, nan, positiveInfinity, negativeInfinity, min, max, mean, std, histogram,
                sketch.toByteArray(), exact);
    }

    /**
     * Equal-width bins over [min, max]. The extremes are only known at the end of the pass, so the bins are
     * derived then: from the exact values when they are kept, else from the sketch's CDF (so the counts are
     * estimates, within the sketch's rank error times n). Bin i holds values in [edge i, edge i+1), the last
     * one also max. When all values are equal there is one bin holding them all.
     */
    static NumericSummary.Histogram histogram(final long n, final double min, final double max,
            final QuantileSketch sketch, @CheckForNull final double[] exact, final int bins) {
        if (n == 0) {
            return NumericSummary.Histogram.empty();
        }
        int count = min == max ? 1 : bins;
        double[] edges = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            double t = (double) i / count;
            // a convex combination cannot overflow, unlike min + i * (max - min) / count
            edges[i] = min * (1 - t) + max * t;
        }
        edges[0] = min;
        edges[count] = max;
        long[] below = new long[count + 1]; // how many values are below each edge; the last edge holds all
        below[count] = n;
        if (count > 1) {
            double[] inner = Arrays.copyOfRange(edges, 1, count);
            if (exact != null) {
                for (int i = 0; i < inner.length; i++) {
                    below[i + 1] = countBelow(exact, inner[i]);
                }
            } else {
                // the share strictly below the edge, so bins are [lower, upper) as in the exact case
                QuantileSketch.SortedView view = sketch.sortedView();
                for (int i = 0; i < inner.length; i++) {
                    below[i + 1] = Math.max(below[i], Math.round(view.rankBelow(inner[i]) * n));
                }
            }
        }
        List<Double> edgeList = new ArrayList<>(edges.length);
        List<Long> counts = new ArrayList<>(count);
        for (int i = 0; i <= count; i++) {
            edgeList.add(edges[i]);
            if (i < count) {
                counts.add(below[i + 1] - below[i]);
            }
        }
        return new NumericSummary.Histogram(edgeList, counts);
    }

    private static long countBelow(final double[] sorted, final double point) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < point) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Count, mean, sum of squared deviations and extremes, merged with Chan et al.'s pairwise formula. */
    static final class Moments {
        long n;
        double mean;
        double m2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        static Moments of(final NumericSummary summary) {
            Moments moments = new Moments();
            moments.n = summary.finite();
            if (moments.n > 0) {
                moments.mean = summary.mean();
                moments.m2 = moments.n < 2 ? 0 : summary.std() * summary.std() * (moments.n - 1);
                moments.min = summary.min();
                moments.max = summary.max();
            }
            return moments;
        }

        void addSortedBlock(final double[] data, final int length) {
            double sum = 0;
            for (int i = 0; i < length; i++) {
                sum += data[i];
            }
            double blockMean = sum / length;
            if (!Double.isFinite(blockMean)) {
                // the sum overflowed (values near Double.MAX_VALUE): average scaled values instead
                double scaled = 0;
                for (int i = 0; i < length; i++) {
                    scaled += data[i] / length;
                }
                blockMean = scaled;
            }
            double squares = 0;
            for (int i = 0; i < length; i++) {
                double d = data[i] - blockMean;
                squares += d * d;
            }
            min = Math.min(min, data[0]);
            max = Math.max(max, data[length - 1]);
            combine(length, blockMean, squares);
        }

        void merge(final Moments other) {
            if (other.n == 0) {
                return;
            }
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            combine(other.n, other.mean, other.m2);
        }

        private void combine(final long otherN, final double otherMean, final double otherM2) {
            if (n == 0) {
                n = otherN;
                mean = otherMean;
                m2 = otherM2;
                return;
            }
            long total = n + otherN;
            double delta = otherMean - mean;
            double share = (double) otherN / total;
            mean += delta * share;
            m2 += otherM2 + delta * delta * n * share;
            n = total;
        }
    }
}
