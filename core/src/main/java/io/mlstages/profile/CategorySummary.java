package io.mlstages.profile;

import java.util.List;
import java.util.Objects;

/**
 * What a profile keeps of a categorical or boolean column: the most frequent values with their counts, and
 * one bucket for all the others.
 *
 * @param top      the most frequent values, most frequent first (at most the profile's {@code topK})
 * @param other    how many non-missing cells held a value that is not in {@code top}
 * @param distinct how many distinct values were seen (exact up to a cap, a lower bound beyond it)
 */
public record CategorySummary(List<Count> top, long other, long distinct) {

    public CategorySummary {
        top = List.copyOf(top);
        if (other < 0) {
            throw new IllegalArgumentException("other must not be negative, not " + other);
        }
        if (distinct < top.size()) {
            throw new IllegalArgumentException("distinct (" + distinct + ") cannot be below the " + top.size()
                    + " values listed");
        }
    }

    /** How many non-missing cells there were: the listed counts plus {@code other}. */
    public long total() {
        long total = other;
        for (Count count : top) {
            total += count.count();
        }
        return total;
    }

    /** Whether every value is listed by name ({@code other} is 0), so the counts are exact and complete. */
    public boolean isComplete() {
        return other == 0;
    }

    /** A value and how often it occurred. */
    public record Count(String value, long count) {
        public Count {
            Objects.requireNonNull(value, "value");
            if (count < 1) {
                throw new IllegalArgumentException("The count of '" + value + "' must be positive, not " + count);
            }
        }
    }
}
