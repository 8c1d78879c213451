package io.mlstages.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The profile of a dataset that others read in parts (Spark's partitions, each on its own executor): every part
 * is profiled by a {@link Profiler} with {@link #partSettings}, which keeps every category by name, and
 * {@link #combine} merges the parts and only then keeps the {@code topK} most frequent. So the counts, missing
 * cells, extremes and categories equal those of one pass over the whole (a part's top list cut at {@code topK}
 * would lose the counts of values that are frequent overall but not in that part); the moments agree up to
 * rounding and the quantiles within the sketch's error bound, as for {@link Profile#merge}.
 */
public final class PartProfiles {
    private PartProfiles() {
    }

    /** The settings a part is profiled with: these, keeping up to {@value CategoryAccumulator#DISTINCT_CAP} categories by name. */
    public static ProfileSettings partSettings(final ProfileSettings settings) {
        return settings.withTopK(Math.max(settings.topK(), CategoryAccumulator.DISTINCT_CAP));
    }

    /**
     * The profile of the parts together, with {@code settings} and these sources.
     *
     * @param parts the parts' profiles, made with {@link #partSettings}{@code (settings)}, at least one; parts
     *              without rows only contribute their columns
     * @throws ProfileException when a part was made with other settings, or the parts' columns differ
     */
    public static Profile combine(final List<Profile> parts, final ProfileSettings settings,
            final List<Profile.Source> sources) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Give at least one part: the columns come from the parts");
        }
        ProfileSettings expected = partSettings(settings);
        Profile merged = null;
        for (Profile part : parts) {
            if (!part.settings().equals(expected)) {
                throw new ProfileException("A part was profiled with " + part.settings() + ", not with " + expected);
            }
            if (merged == null) {
                merged = part;
            } else if (part.rows() > 0) {
                merged = merged.rows() == 0 ? checkedSameColumns(merged, part) : merged.merge(part);
            }
        }
        Profile whole = Objects.requireNonNull(merged, "the merged parts");
        List<ColumnProfile> columns = new ArrayList<>(whole.columns().size());
        for (ColumnProfile column : whole.columns()) {
            CategorySummary all = column.categories();
            CategorySummary top = all == null ? null
                    : CategoryAccumulator.top(all.top(), all.other(), all.distinct(), settings.topK());
            columns.add(new ColumnProfile(column.name(), column.type(), column.count(), column.missing(),
                    column.numeric(), top));
        }
        return new Profile(Profile.SCHEMA_VERSION, sources, whole.rows(), settings, columns);
    }

    /** The part with rows in place of an empty one, once both are known to have the same columns. */
    private static Profile checkedSameColumns(final Profile empty, final Profile part) {
        empty.merge(part); // throws, naming the column, when the columns differ
        return part;
    }
}
