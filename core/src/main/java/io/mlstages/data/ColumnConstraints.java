package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.List;

/**
 * What a schema file says the values of one column must be. Every field is optional (null or false: no check).
 * The format and each rule's meaning: {@code docs/data.md}, "Constraints".
 *
 * @param min              numeric columns: the smallest allowed value (inclusive)
 * @param max              numeric columns: the largest allowed value (inclusive)
 * @param allowed          categorical and boolean columns: the only values allowed, compared exactly
 * @param notNull          no cell may be missing
 * @param maxMissingRate   the largest share of missing cells (0 to 1) over the whole dataset
 * @param unique           no non-missing value may occur twice
 * @param maxDistinctRatio the largest share of distinct values among the non-missing cells (0 to 1)
 * @param pattern          categorical columns: a regular expression every value must match as a whole
 *                         (see {@link SafePattern} for how its cost is bounded)
 */
public record ColumnConstraints(@CheckForNull Double min, @CheckForNull Double max, @CheckForNull List<String> allowed,
        boolean notNull, @CheckForNull Double maxMissingRate, boolean unique, @CheckForNull Double maxDistinctRatio,
        @CheckForNull String pattern) {

    private static final ColumnConstraints NONE = new ColumnConstraints(null, null, null, false, null, false, null,
            null);

    public ColumnConstraints {
        allowed = allowed == null ? null : List.copyOf(allowed);
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min (" + min + ") is above max (" + max + ")");
        }
        requireShare("maxMissingRate", maxMissingRate);
        requireShare("maxDistinctRatio", maxDistinctRatio);
        if (allowed != null && allowed.isEmpty()) {
            throw new IllegalArgumentException("allowed is empty: no value could pass; leave it out instead");
        }
    }

    private static void requireShare(final String name, final Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
        }
    }

    /** No constraint at all. */
    public static ColumnConstraints none() {
        return NONE;
    }

    /** Whether there is nothing to check. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
