package io.mlstages.profile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A mergeable quantile sketch of finite doubles: the KLL sketch of Karnin, Lang and Liberty ("Optimal Quantile
 * Approximation in Streams", 2016), with the level capacities DataSketches uses (level h of L holds about
 * k (2/3)^(L-1-h) items, at least 8), so that its rank error at a given k is in the same class: about 0.14% at
 * k = 2000 (99% confidence). It replaces DataSketches' KLL sketch, whose memory library refuses Java above 21;
 * this one is plain Java and runs on every Java the engine supports.
 *
 * <p>Level h holds items that each stand for 2^h values; levels above 0 are sorted. When the sketch is full, the
 * lowest level at or above its capacity is compacted: sorted, and every other item (starting at a random one of
 * the first two) moves one level up, which halves the level and keeps the total weight exact. The coin flips
 * come from a fixed-seed generator, so the same input gives the same sketch, byte for byte.</p>
 *
 * <p>Memory starts small: the arrays grow with the data (a sketch of five values holds a few dozen bytes), so
 * wide tables with few rows stay small; the most a sketch holds is about 3k items.</p>
 *
 * <p>Serialized form: see {@link #toByteArray}; {@link #fromBytes} also reads DataSketches' compact KLL form
 * (see {@link DataSketchesKll}), which profiles written before this class carry. Not thread-safe.</p>
 */
final class QuantileSketch {
    /** The smallest level capacity (DataSketches' m). */
    static final int MIN_CAPACITY = 8;
    /** The first bytes of the serialized form: "MLQ" and the format version. */
    static final byte[] MAGIC = {'M', 'L', 'Q'};
    static final byte VERSION = 1;
    private static final int INITIAL_LEVEL0 = 8;
    private static final long SEED = 0x6d6c7374616765L;

    private final int k;
    private int minK;
    private long n;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private double[][] levels = new double[1][];
    private int[] sizes = new int[1];
    private int numLevels = 1;
    private int retained;
    private int capacity;
    private long random = SEED;

    QuantileSketch(final int k) {
        if (k < MIN_CAPACITY || k > 65_535) {
            throw new IllegalArgumentException("k must be between 8 and 65535, not " + k);
        }
        this.k = k;
        this.minK = k;
        this.capacity = totalCapacity(k, 1);
    }

    /** The normalised rank error at this k (99% confidence, one rank): the fit DataSketches publishes for KLL. */
    static double normalizedRankError(final int k) {
        return 2.296 / Math.pow(k, 0.9723);
    }

    /** Adds a finite value. */
    void update(final double value) {
        double[] level0 = levels[0];
        if (level0 == null || sizes[0] == level0.length) {
            // one value at a time: past its capacity (level 0 runs over while higher levels have room) grow by
            // half again, not by one, which copied the level on every value; it never holds more than capacity
            level0 = grow(0, Math.max(sizes[0] + 1, Math.min(capacity, sizes[0] + (sizes[0] >> 1))));
        }
        level0[sizes[0]++] = value;
        retained++;
        if (n++ == 0) {
            min = value;
            max = value;
        } else if (value < min) {
            min = value;
        } else if (value > max) {
            max = value;
        }
        if (retained >= capacity) {
            compactLowestFull();
        }
    }

    /**
     * Adds {@code count} finite values, sorted ascending. Where the block alone would overfill the lowest levels,
     * it is compacted on its own first, as those levels would compact it: halved (every other item from a random
     * one of the first two, an odd smallest item staying behind at that level) until what is left fits the next
     * level, then merged into it. Each item still passes one compaction per level it climbs, but in one
     * compaction per level per block instead of one per level-capacity of items, so the rank error is no larger
     * than with one update per value (see docs/profiles.md), and a sorted block costs a few copies per value
     * instead of a merge per level. A block too small for that joins level 0 whole, and the compactions it calls
     * for follow.
     *
     * <p>The array is used as scratch: what it holds afterwards is undefined.</p>
     */
    void updateSorted(final double[] sorted, final int count) {
        int target = 0;
        for (long items = count; target < numLevels - 1 && items >= levelCapacity(k, numLevels, target); target++) {
            items >>= 1;
        }
        if (n == 0) {
            min = sorted[0];
            max = sorted[count - 1];
        } else {
            min = Math.min(min, sorted[0]);
            max = Math.max(max, sorted[count - 1]);
        }
        n += count;
        double[] items = sorted; // halved in place: the caller's block is scratch from here on
        int size = count;
        for (int h = 0; h < target; h++) {
            int odd = size & 1;
            if (odd == 1) {
                insert(h, items[0]); // the smallest stays behind, as in compact(): the weight stays exact
            }
            int half = (size - odd) / 2;
            int start = odd + (int) (nextRandom() & 1);
            for (int i = 0; i < half; i++) {
                items[i] = items[start + 2 * i];
            }
            size = half;
        }
        if (size > 0) {
            double[] level = grow(target, sizes[target] + size);
            if (target == 0) {
                System.arraycopy(items, 0, level, sizes[0], size); // level 0 need not be sorted
            } else {
                mergeSorted(level, sizes[target], items, size);
            }
            sizes[target] += size;
            retained += size;
        }
        while (retained >= capacity) {
            compactLowestFull();
        }
    }

    /** Puts one item into level h, keeping levels above 0 sorted. */
    private void insert(final int h, final double item) {
        double[] level = grow(h, sizes[h] + 1);
        if (h == 0) {
            level[sizes[0]] = item;
        } else {
            mergeSorted(level, sizes[h], new double[] {item}, 1);
        }
        sizes[h]++;
        retained++;
    }

    /** Adds the other sketch's values to this one; the other is unchanged. */
    void merge(final QuantileSketch other) {
        if (other.n == 0) {
            return;
        }
        while (numLevels < other.numLevels) {
            addLevel();
        }
        for (int h = 0; h < other.numLevels; h++) {
            int count = other.sizes[h];
            if (count == 0) {
                continue;
            }
            double[] target = grow(h, sizes[h] + count);
            if (h == 0) {
                System.arraycopy(other.levels[0], 0, target, sizes[0], count);
            } else {
                mergeSorted(target, sizes[h], other.levels[h], count);
            }
            sizes[h] += count;
            retained += count;
        }
        min = n == 0 ? other.min : Math.min(min, other.min);
        max = n == 0 ? other.max : Math.max(max, other.max);
        n += other.n;
        minK = Math.min(minK, other.minK);
        random ^= mix(other.random + other.n); // both histories feed the coin flips that follow
        while (retained > capacity) {
            compactLowestFull();
        }
    }

    long n() {
        return n;
    }

    int k() {
        return k;
    }

    /** The smallest k of the sketches merged into this one, which bounds its error. */
    int minK() {
        return minK;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    int retained() {
        return retained;
    }

    /** Whether values have been compacted away, so that answers are estimates. */
    boolean isEstimationMode() {
        return numLevels > 1;
    }

    /** This sketch's normalised rank error (99% confidence), or 0 while it still holds every value. */
    double rankError() {
        return isEstimationMode() ? normalizedRankError(minK) : 0;
    }

    /** The sorted items with their cumulative weights, for rank and quantile queries. */
    SortedView sortedView() {
        double[] items = new double[0];
        long[] weights = new long[0];
        for (int h = numLevels - 1; h >= 0; h--) {
            if (sizes[h] == 0) {
                continue;
            }
            double[] level = Arrays.copyOf(levels[h], sizes[h]);
            if (h == 0) {
                Arrays.sort(level);
            }
            long[] levelWeights = new long[level.length];
            Arrays.fill(levelWeights, 1L << h);
            double[] mergedItems = new double[items.length + level.length];
            long[] mergedWeights = new long[mergedItems.length];
            int i = 0;
            int j = 0;
            for (int o = 0; o < mergedItems.length; o++) {
                if (j == level.length || i < items.length && items[i] <= level[j]) {
                    mergedItems[o] = items[i];
                    mergedWeights[o] = weights[i++];
                } else {
                    mergedItems[o] = level[j];
                    mergedWeights[o] = levelWeights[j++];
                }
            }
            items = mergedItems;
            weights = mergedWeights;
        }
        return SortedView.of(items, weights, n, min, max);
    }

    // ------------------------------------------------------------------------------------------ compaction

    private void compactLowestFull() {
        for (int h = 0; h < numLevels; h++) {
            if (sizes[h] >= levelCapacity(k, numLevels, h)) {
                if (h == numLevels - 1) {
                    addLevel();
                }
                compact(h);
                return;
            }
        }
        throw new IllegalStateException("a full sketch has no full level"); // cannot happen: capacity is their sum
    }

    /**
     * Halves level h into level h + 1. With an odd count the smallest item stays behind, so that the total
     * weight is unchanged.
     */
    private void compact(final int h) {
        double[] level = levels[h];
        int size = sizes[h];
        if (h == 0) {
            Arrays.sort(level, 0, size);
        }
        int odd = size & 1;
        int half = (size - odd) / 2;
        int start = odd + (int) (nextRandom() & 1);
        double[] target = grow(h + 1, sizes[h + 1] + half);
        // every other item, merged straight from this level (no copy of them: wide tables compact often)
        int i = sizes[h + 1] - 1;
        for (int j = half - 1, o = sizes[h + 1] + half - 1; j >= 0; o--) {
            double promoted = level[start + 2 * j];
            if (i >= 0 && target[i] > promoted) {
                target[o] = target[i--];
            } else {
                target[o] = promoted;
                j--;
            }
        }
        sizes[h] = odd;
        retained -= size - odd;
        sizes[h + 1] += half;
        retained += half;
        if (h > 0) {
            shrink(h); // a level that took a large merge; level 0 refills value by value, so it keeps its room
        }
    }

    /** Merges sorted {@code add[0, count)} into sorted {@code target[0, size)}, which has room for both. */
    private static void mergeSorted(final double[] target, final int size, final double[] add, final int count) {
        int i = size - 1;
        int j = count - 1;
        for (int o = size + count - 1; j >= 0; o--) {
            if (i >= 0 && target[i] > add[j]) {
                target[o] = target[i--];
            } else {
                target[o] = add[j--];
            }
        }
    }

    private void addLevel() {
        if (numLevels == levels.length) {
            levels = Arrays.copyOf(levels, numLevels + 1);
            sizes = Arrays.copyOf(sizes, numLevels + 1);
        }
        numLevels++;
        capacity = totalCapacity(k, numLevels);
        for (int h = 0; h < numLevels; h++) {
            shrink(h);
        }
    }

    /**
     * Gives back the room a level no longer needs: each level was once the top one, with the largest capacity,
     * and its array stayed that large (about 250 KB per column at k = 2000, which 900 columns of two files
     * cannot afford in a 768 MB heap).
     */
    private void shrink(final int h) {
        double[] level = levels[h];
        int cap = levelCapacity(k, numLevels, h);
        if (level != null && level.length > 4 * (cap + 1) && sizes[h] <= cap) {
            levels[h] = Arrays.copyOf(level, cap + 1);
        }
    }

    /**
     * The array of level h, grown to hold at least {@code needed}: doubling from a few items, but not past the
     * level's capacity unless more is needed (level 0 may run over its capacity while higher levels have room).
     */
    private double[] grow(final int h, final int needed) {
        double[] level = levels[h];
        if (level != null && level.length >= needed) {
            return level;
        }
        // doubling up to the level's capacity, exactly what is needed past it: merges and whole blocks come in
        // chunks, and slack past the capacity on every level of every column is what a wide table cannot afford
        int length = level == null ? Math.max(INITIAL_LEVEL0, needed)
                : Math.max(needed, Math.min(2 * level.length, Math.max(needed, levelCapacity(k, numLevels, h) + 1)));
        levels[h] = level == null ? new double[length] : Arrays.copyOf(level, length);
        return levels[h];
    }

    private long nextRandom() {
        random += 0x9e3779b97f4a7c15L;
        return mix(random);
    }

    /** SplitMix64's finaliser. */
    private static long mix(final long value) {
        long z = value;
        z = (z ^ z >>> 30) * 0xbf58476d1ce4e5b9L;
        z = (z ^ z >>> 27) * 0x94d049bb133111ebL;
        return z ^ z >>> 31;
    }

    /** How many items level h of a sketch with {@code levels} levels holds before it is compacted. */
    static int levelCapacity(final int k, final int levels, final int h) {
        int depth = levels - 1 - h;
        return (int) Math.max(MIN_CAPACITY, Math.round(k * Math.pow(2.0 / 3.0, depth)));
    }

    private static int totalCapacity(final int k, final int levels) {
        int total = 0;
        for (int h = 0; h < levels; h++) {
            total += levelCapacity(k, levels, h);
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------ serialization

    /**
     * The serialized form, version 1, little-endian: "MLQ", the version byte, k and the smallest merged k (two
     * unsigned 16-bit numbers), n (64 bits); when n is not 0, the number of levels L (one byte, then three zero
     * bytes), L level sizes (32 bits each), min, max, and the items level by level from level 0 (sorted).
     */
    byte[] toByteArray() {
        int header = 16;
        int length = n == 0 ? header : header + 4 + 4 * numLevels + 16 + 8 * retained;
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put(VERSION).putShort((short) k).putShort((short) minK).putLong(n);
        if (n == 0) {
            return buffer.array();
        }
        buffer.put((byte) numLevels).put((byte) 0).putShort((short) 0);
        for (int h = 0; h < numLevels; h++) {
            buffer.putInt(sizes[h]);
        }
        buffer.putDouble(min).putDouble(max);
        for (int h = 0; h < numLevels; h++) {
            double[] level = sizes[h] == 0 ? new double[0] : Arrays.copyOf(levels[h], sizes[h]);
            if (h == 0) {
                Arrays.sort(level); // the same content gives the same bytes
            }
            for (double item : level) {
                buffer.putDouble(item);
            }
        }
        return buffer.array();
    }

    /**
     * Reads a serialized sketch: this class's form or DataSketches' compact KLL doubles form.
     *
     * @throws ProfileException naming what is wrong when the bytes are neither, or are inconsistent
     */
    static QuantileSketch fromBytes(final byte[] bytes) {
        if (bytes.length >= 4 && bytes[0] == MAGIC[0] && bytes[1] == MAGIC[1] && bytes[2] == MAGIC[2]) {
            return readOwn(bytes);
        }
        if (DataSketchesKll.isKll(bytes)) {
            return DataSketchesKll.read(bytes);
        }
        throw corrupt("neither an ML Stages quantile sketch nor a DataSketches KLL sketch ("
                + bytes.length + " bytes)");
    }

    private static QuantileSketch readOwn(final byte[] bytes) {
        if (bytes[3] != VERSION) {
            throw corrupt("version " + (bytes[3] & 0xff) + " of the sketch format is unknown to this ML Stages "
                    + "(it reads version " + VERSION + ")");
        }
        if (bytes.length < 16) {
            throw corrupt("truncated at " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(4);
        int k = Short.toUnsignedInt(buffer.getShort());
        int minK = Short.toUnsignedInt(buffer.getShort());
        long n = buffer.getLong();
        if (n == 0) {
            if (bytes.length != 16) {
                throw corrupt("an empty sketch of " + bytes.length + " bytes");
            }
            return restore(k, minK, 0, Double.NaN, Double.NaN, new double[0][]);
        }
        if (bytes.length < 20) {
            throw corrupt("truncated at " + bytes.length + " bytes");
        }
        int numLevels = Byte.toUnsignedInt(buffer.get());
        buffer.position(20);
        if (numLevels < 1 || bytes.length < 20 + 4L * numLevels + 16) {
            throw corrupt(numLevels + " levels in " + bytes.length + " bytes");
        }
        int[] counts = new int[numLevels];
        long items = 0;
        for (int h = 0; h < numLevels; h++) {
            counts[h] = buffer.getInt();
            if (counts[h] < 0) {
                throw corrupt("level " + h + " holds " + counts[h] + " items");
            }
            items += counts[h];
        }
        double min = buffer.getDouble();
        double max = buffer.getDouble();
        if (buffer.remaining() != 8 * items) {
            throw corrupt("the levels hold " + items + " items but " + buffer.remaining() + " bytes follow");
        }
        double[][] levels = new double[numLevels][];
        for (int h = 0; h < numLevels; h++) {
            levels[h] = new double[counts[h]];
            for (int i = 0; i < counts[h]; i++) {
                levels[h][i] = buffer.getDouble();
            }
        }
        return restore(k, minK, n, min, max, levels);
    }

    /**
     * A sketch from its parts, checked: k in range, finite items within [min, max], levels above 0 sorted,
     * and the weights summing to n (compaction keeps the total weight exact).
     */
    static QuantileSketch restore(final int k, final int minK, final long n, final double min, final double max,
            final double[][] levels) {
        if (k < MIN_CAPACITY || minK < MIN_CAPACITY || minK > k) {
            throw corrupt("k " + k + " and smallest merged k " + minK + " (k must be 8 to 65535)");
        }
        if (levels.length > 62) {
            throw corrupt(levels.length + " levels");
        }
        QuantileSketch sketch = new QuantileSketch(k);
        sketch.minK = minK;
        sketch.n = n;
        if (n == 0) {
            return sketch;
        }
        if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
            throw corrupt("min " + min + " and max " + max);
        }
        sketch.min = min;
        sketch.max = max;
        sketch.levels = new double[Math.max(1, levels.length)][];
        sketch.sizes = new int[sketch.levels.length];
        sketch.numLevels = sketch.levels.length;
        long weight = 0;
        for (int h = 0; h < levels.length; h++) {
            double[] level = levels[h];
            for (int i = 0; i < level.length; i++) {
                if (!(level[i] >= min && level[i] <= max)) {
                    throw corrupt("item " + level[i] + " at level " + h + " lies outside [" + min + ", " + max + "]");
                }
                if (h > 0 && i > 0 && level[i] < level[i - 1]) {
                    throw corrupt("level " + h + " is not sorted");
                }
            }
            sketch.levels[h] = level.clone();
            sketch.sizes[h] = level.length;
            sketch.retained += level.length;
            try {
                weight = Math.addExact(weight, Math.multiplyExact((long) level.length, 1L << h));
            } catch (ArithmeticException e) {
                throw corrupt("its items weigh more than 2^63 values");
            }
        }
        if (weight != n) {
            throw corrupt("its items weigh " + weight + " but it claims " + n + " values");
        }
        sketch.capacity = totalCapacity(k, sketch.numLevels);
        sketch.random = mix(SEED + n);
        return sketch;
    }

    static ProfileException corrupt(final String why) {
        return new ProfileException("The profile's quantile sketch is corrupt: " + why);
    }

    /**
     * The items in ascending order with their cumulative weights. The extremes are known exactly, so, as in
     * DataSketches' sorted view (which keeps answers for profiles written with it unchanged), the minimum is put
     * first with weight 1 when compaction lost it, and the maximum last with the final weight when it was lost.
     * Immutable once built.
     */
    static final class SortedView {
        private final double[] items;
        private final long[] cumulative;
        private final long n;

        private SortedView(final double[] items, final long[] cumulative, final long n) {
            this.items = items;
            this.cumulative = cumulative;
            this.n = n;
        }

        static SortedView of(final double[] sortedItems, final long[] weights, final long n, final double min,
                final double max) {
            int count = sortedItems.length;
            if (count == 0) {
                return new SortedView(new double[0], new long[0], n);
            }
            boolean addMin = min < sortedItems[0];
            boolean addMax = max > sortedItems[count - 1];
            int length = count + (addMin ? 1 : 0) + (addMax ? 1 : 0);
            double[] items = new double[length];
            long[] cumulative = new long[length];
            int o = 0;
            if (addMin) {
                items[o] = min;
                cumulative[o++] = 1;
            }
            long total = 0;
            for (int i = 0; i < count; i++) {
                total += weights[i];
                items[o] = sortedItems[i];
                cumulative[o++] = total;
            }
            if (addMax) {
                cumulative[o - 1] = total - 1;
                items[o] = max;
                cumulative[o] = total;
            }
            return new SortedView(items, cumulative, n);
        }

        /** The share of values at most x. */
        double rank(final double x) {
            int index = lastIndex(x, true);
            return index < 0 ? 0 : (double) cumulative[index] / n;
        }

        /** The share of values strictly below x. */
        double rankBelow(final double x) {
            int index = lastIndex(x, false);
            return index < 0 ? 0 : (double) cumulative[index] / n;
        }

        /**
         * The smallest item whose cumulative share reaches the rank (the lower quantile). rank * n is rounded to
         * 8 decimals first, so that 0.3 * 10 counts as 3, as {@link NumericSummary#lowerQuantileIndex} does.
         */
        double quantile(final double rank) {
            double natural = rank * n;
            if (n <= 1_000_000_000_000L) {
                natural = Math.round(natural * 1e8) / 1e8;
            }
            long target = (long) Math.ceil(natural);
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (cumulative[mid] >= target) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return items[low];
        }

        /** The last index whose item is at most x (inclusive) or below x (exclusive); -1 when there is none. */
        private int lastIndex(final double x, final boolean inclusive) {
            int low = 0;
            int high = items.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (inclusive ? items[mid] <= x : items[mid] < x) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low - 1;
        }
    }
}
