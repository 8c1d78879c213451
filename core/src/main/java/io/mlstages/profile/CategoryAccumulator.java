package io.mlstages.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the values of a categorical or boolean column exactly, up to {@link #DISTINCT_CAP} distinct values.
 * Beyond the cap, values already seen are still counted exactly, and new ones only add to an overflow count
 * (they end up in {@code other}), so that memory stays bounded (about 15 MB per column at the cap) whatever
 * the data. {@code distinct} is then a lower bound.
 */
final class CategoryAccumulator {
    /** Enough for any real category set; an identifier column reaches it and stops growing. */
    static final int DISTINCT_CAP = 100_000;

    private final int topK;
    private final Map<String, long[]> counts = new HashMap<>();
    private long trueCount;
    private long falseCount;
    private long overflow;
    private boolean capped;

    CategoryAccumulator(final int topK) {
        this.topK = topK;
    }

    void add(final String value) {
        long[] count = counts.get(value);
        if (count != null) {
            count[0]++;
        } else if (counts.size() < DISTINCT_CAP) {
            counts.put(value, new long[] {1});
        } else {
            capped = true;
            overflow++;
        }
    }

    void addBooleans(final long trues, final long falses) {
        trueCount += trues;
        falseCount += falses;
    }

    CategorySummary finish() {
        if (trueCount > 0) {
            counts.computeIfAbsent("true", key -> new long[1])[0] += trueCount;
        }
        if (falseCount > 0) {
            counts.computeIfAbsent("false", key -> new long[1])[0] += falseCount;
        }
        List<CategorySummary.Count> all = new ArrayList<>(counts.size());
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            all.add(new CategorySummary.Count(entry.getKey(), entry.getValue()[0]));
        }
        // the distinct count is a lower bound once capped: one more at least, as the overflow held a new value
        return top(all, overflow, counts.size() + (capped ? 1 : 0), topK);
    }

    /** The K most frequent of the counts (ties by value, for a deterministic result), the rest as other. */
    static CategorySummary top(final List<CategorySummary.Count> all, final long extraOther, final long distinct,
            final int topK) {
        List<CategorySummary.Count> sorted = new ArrayList<>(all);
        sorted.sort(ORDER);
        List<CategorySummary.Count> top = sorted.size() > topK ? sorted.subList(0, topK) : sorted;
        long other = extraOther;
        for (int i = top.size(); i < sorted.size(); i++) {
            other += sorted.get(i).count();
        }
        return new CategorySummary(top, other, distinct);
    }

    /**
     * Both columns together. A value in both top lists gets the sum of its counts. A value in one side's top
     * list that the other side pooled into its {@code other} gets only the first side's count: the rest stays
     * in {@code other}, so the merged count is a lower bound. When both sides kept all their values
     * ({@code other == 0}) the merge is exact.
     */
    static CategorySummary merge(final CategorySummary a, final CategorySummary b, final int topK) {
        Map<String, Long> sums = new HashMap<>();
        for (CategorySummary.Count count : a.top()) {
            sums.merge(count.value(), count.count(), Long::sum);
        }
        for (CategorySummary.Count count : b.top()) {
            sums.merge(count.value(), count.count(), Long::sum);
        }
        List<CategorySummary.Count> all = new ArrayList<>(sums.size());
        for (Map.Entry<String, Long> entry : sums.entrySet()) {
            all.add(new CategorySummary.Count(entry.getKey(), entry.getValue()));
        }
        long distinct;
        if (a.other() == 0 && b.other() == 0) {
            distinct = sums.size();
        } else {
            // a lower bound: the values pooled into other may or may not be shared
            distinct = Math.max(sums.size(), Math.max(a.distinct(), b.distinct()));
        }
        return top(all, a.other() + b.other(), distinct, topK);
    }

    private static final Comparator<CategorySummary.Count> ORDER = Comparator
            .comparingLong(CategorySummary.Count::count).reversed()
            .thenComparing(CategorySummary.Count::value);
}
