package io.mlstages.profile;

import java.util.List;

/**
 * What a profile keeps of a categorical or boolean column: the most frequent values with their counts, and
 * one bucket for all the others.
 *
 * @param top      the most frequent values, most frequent first (at most the profile's {@code topK})
 * @param other    how many non-missing cells held a value that is not in {@code top}
 * @param distinct how many distinct values were seen (exact up to a cap, a lower bound beyond it)
 */
public record CategorySummary(List<Count> top, long other, long distinct) {

    /** A value and how often it occurred. */
    public record Count(String value, long count) {
    }
}
