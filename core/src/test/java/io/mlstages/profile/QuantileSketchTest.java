package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

/** The engine's KLL sketch: error within its published bound, merging, its binary form, determinism. */
class QuantileSketchTest {
    private static final double[] RANKS = new double[99];

    static {
        for (int i = 0; i < RANKS.length; i++) {
            RANKS[i] = (i + 1) / 100.0;
        }
    }

    @Test
    void shouldKeepRankErrorWithinTheBoundOnNormalSkewedAndTiedData() {
        for (int seed = 0; seed < 4; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            assertWithinBound(data(200_000, random::nextGaussian), 200, "normal, seed " + seed);
            assertWithinBound(data(200_000, () -> Math.exp(2 * random.nextGaussian())), 200, "lognormal, seed " + seed);
            assertWithinBound(data(200_000, () -> random.nextInt(30)), 200, "30 integers, seed " + seed);
        }
        SplittableRandom random = new SplittableRandom(9);
        assertWithinBound(data(300_000, random::nextDouble), 2000, "uniform, k 2000");
    }

    @Test
    void shouldKeepRankErrorWithinTheBoundOnSortedAndReversedStreams() {
        double[] ascending = new double[200_000];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = i;
        }
        double[] descending = ascending.clone();
        for (int i = 0; i < descending.length; i++) {
            descending[i] = ascending[ascending.length - 1 - i];
        }
        assertWithinBound(ascending, 200, "ascending");
        assertWithinBound(descending, 200, "descending");
    }

    @Test
    void shouldKeepRankErrorWithinTheBoundWhenFedSortedBlocks() {
        // as the profiler feeds it: blocks of up to 8192 values, each sorted, of every size (odd ones too)
        for (int seed = 0; seed < 6; seed++) {
            SplittableRandom random = new SplittableRandom(100 + seed);
            for (int k : new int[] {200, 2000}) {
                double[] normal = data(400_000, random::nextGaussian);
                double[] ties = data(400_000, () -> random.nextInt(30));
                double[] skewed = data(400_000, () -> Math.exp(2 * random.nextGaussian()));
                for (double[] data : new double[][] {normal, ties, skewed}) {
                    QuantileSketch sketch = blocks(data, k, 1 + random.nextInt(8192), random);
                    assertThat(sketch.n()).isEqualTo(data.length);
                    assertThat(sketch.min()).isEqualTo(Arrays.stream(data).min().orElseThrow());
                    assertThat(sketch.max()).isEqualTo(Arrays.stream(data).max().orElseThrow());
                    assertThat(sketch.retained()).isLessThan(3 * k + 64);
                    // reading the bytes back checks the invariants: levels above 0 sorted, weights summing to n
                    QuantileSketch read = QuantileSketch.fromBytes(sketch.toByteArray());
                    assertThat(worstRankError(read, sorted(data))).as("seed %d, k %d", seed, k)
                            .isLessThanOrEqualTo(QuantileSketch.normalizedRankError(k));
                }
            }
        }
    }

    @Test
    void shouldGiveTheSameSketchForTheSameSortedBlocks() {
        double[] data = data(100_000, new SplittableRandom(5)::nextGaussian);
        byte[] first = blocks(data, 200, 8192, new SplittableRandom(1)).toByteArray();
        byte[] second = blocks(data, 200, 8192, new SplittableRandom(1)).toByteArray();
        assertThat(first).isEqualTo(second);
    }

    /** Feeds the data in sorted blocks of about {@code size} values (sizes vary, as a column's last block does). */
    private static QuantileSketch blocks(final double[] data, final int k, final int size,
            final SplittableRandom random) {
        QuantileSketch sketch = new QuantileSketch(k);
        for (int from = 0; from < data.length;) {
            int length = Math.min(data.length - from, Math.max(1, size - random.nextInt(Math.max(1, size / 4))));
            double[] block = Arrays.copyOfRange(data, from, from + length);
            Arrays.sort(block);
            sketch.updateSorted(block, length);
            from += length;
        }
        return sketch;
    }

    @Test
    void shouldMergeShardsIntoASketchOfTheWholeWithinTheBound() {
        SplittableRandom random = new SplittableRandom(3);
        double[] all = data(400_000, random::nextGaussian);
        QuantileSketch merged = new QuantileSketch(200);
        int shards = 16;
        for (int s = 0; s < shards; s++) {
            QuantileSketch shard = new QuantileSketch(200);
            for (int i = s; i < all.length; i += shards) {
                shard.update(all[i]);
            }
            merged.merge(QuantileSketch.fromBytes(shard.toByteArray())); // as profiles merge: through bytes
        }

        assertThat(merged.n()).isEqualTo(all.length);
        assertThat(worstRankError(merged, sorted(all))).isLessThanOrEqualTo(merged.rankError());
        assertThat(merged.min()).isEqualTo(Arrays.stream(all).min().orElseThrow());
        assertThat(merged.max()).isEqualTo(Arrays.stream(all).max().orElseThrow());
    }

    @Test
    void shouldGiveTheSameBytesForTheSameInputAndReadThemBack() {
        SplittableRandom random = new SplittableRandom(5);
        double[] data = data(50_000, random::nextGaussian);
        QuantileSketch a = sketch(data, 300);
        QuantileSketch b = sketch(data, 300);

        byte[] bytes = a.toByteArray();
        QuantileSketch read = QuantileSketch.fromBytes(bytes);

        assertThat(bytes).isEqualTo(b.toByteArray());
        assertThat(read.toByteArray()).isEqualTo(bytes);
        assertThat(read.n()).isEqualTo(50_000);
        assertThat(read.isEstimationMode()).isTrue();
        for (double rank : RANKS) {
            assertThat(read.sortedView().quantile(rank)).isEqualTo(a.sortedView().quantile(rank));
        }
        assertThat(bytes.length).as("about 3k items of 8 bytes").isLessThan(8 * 3 * 300 + 200);
    }

    @Test
    void shouldAnswerExactlyWhileItHoldsEveryValue() {
        double[] data = {5, 1, 4, 1, 3, 9, 2, 6};
        QuantileSketch sketch = sketch(data, 200);
        QuantileSketch.SortedView view = sketch.sortedView();

        assertThat(sketch.isEstimationMode()).isFalse();
        assertThat(sketch.rankError()).isZero();
        assertThat(view.quantile(0.25)).isEqualTo(1); // 2 of 8 values are at most 1
        assertThat(view.quantile(0.26)).isEqualTo(2);
        assertThat(view.quantile(1)).isEqualTo(9);
        assertThat(view.rank(1)).isEqualTo(0.25);
        assertThat(view.rankBelow(1)).isZero();
        assertThat(view.rank(100)).isEqualTo(1);
    }

    @Test
    void shouldSerializeEmptyAndOneValueSketchesCompactly() {
        QuantileSketch empty = new QuantileSketch(2000);
        QuantileSketch one = new QuantileSketch(2000);
        one.update(3.5);

        assertThat(empty.toByteArray()).hasSize(16);
        assertThat(QuantileSketch.fromBytes(empty.toByteArray()).n()).isZero();
        QuantileSketch readOne = QuantileSketch.fromBytes(one.toByteArray());
        assertThat(readOne.n()).isEqualTo(1);
        assertThat(readOne.sortedView().quantile(0.5)).isEqualTo(3.5);
    }

    private static void assertWithinBound(final double[] data, final int k, final String what) {
        QuantileSketch sketch = sketch(data, k);
        assertThat(sketch.isEstimationMode()).isTrue();
        assertThat(worstRankError(sketch, sorted(data))).as(what).isLessThanOrEqualTo(
                QuantileSketch.normalizedRankError(k));
    }

    /** The largest distance of a rank from the true rank interval of the sketch's quantile for it. */
    private static double worstRankError(final QuantileSketch sketch, final double[] sorted) {
        QuantileSketch.SortedView view = sketch.sortedView();
        double worst = 0;
        for (double rank : RANKS) {
            double q = view.quantile(rank);
            double below = (double) count(sorted, q, false) / sorted.length;
            double atMost = (double) count(sorted, q, true) / sorted.length;
            worst = Math.max(worst, rank < below ? below - rank : rank > atMost ? rank - atMost : 0);
        }
        return worst;
    }

    private static int count(final double[] sorted, final double x, final boolean inclusive) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (inclusive ? sorted[mid] <= x : sorted[mid] < x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static QuantileSketch sketch(final double[] data, final int k) {
        QuantileSketch sketch = new QuantileSketch(k);
        for (double value : data) {
            sketch.update(value);
        }
        return sketch;
    }

    private static double[] data(final int n, final DoubleSupplier supplier) {
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = supplier.getAsDouble();
        }
        return data;
    }

    private static double[] sorted(final double[] data) {
        double[] copy = data.clone();
        Arrays.sort(copy);
        return copy;
    }
}
