package io.mlstages.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The profile of a dataset that others read in parts (Spark's partitions, each on its own executor): every part
 * is profiled by a {@link Profiler} with {@link #partSettings}, which keeps every category by name, and
 * {@link #combine} merges the parts and only then keeps the {@code topK} most frequent. So the counts, missing
 * cells, extremes and categories equal those of one pass over the whole (a part's top list cut at {@code topK}
 * would lose the counts of values that are frequent overall but not in that part); the moments agree up to
 * rounding and the quantiles within the sketch's error bound, as for {@link Profile#merge}.
 *
 * <p>Parts profiled with segments ({@link SegmentedProfiler}, the same segment columns and capacity in every part)
 * combine into the whole's segments: a value's profiles merge across the parts, as above. Should the parts
 * together keep more values of a column than the capacity, the largest by rows keep their own profile and the
 * rest join {@code other} (one pass over the whole keeps the first values it meets instead: the two agree
 * whenever a column has at most {@code capacity} values).</p>
 */
public final class PartProfiles {
    private PartProfiles() {
    }

    /** The settings a part is profiled with: these, keeping up to {@value CategoryAccumulator#DISTINCT_CAP} categories by name. */
    public static ProfileSettings partSettings(final ProfileSettings settings) {
        return settings.withTopK(Math.max(settings.topK(), CategoryAccumulator.DISTINCT_CAP));
    }

    /** Largest first, then by value (a missing cell as the empty text): the order {@link SegmentedProfiler} writes. */
    private static final Comparator<SegmentProfiles.Segment> LARGEST_FIRST = Comparator
            .comparingLong((SegmentProfiles.Segment s) -> -s.profile().rows())
            .thenComparing(s -> s.value() == null ? "" : s.value());

    /**
     * The profile of the parts together, with {@code settings} and these sources; segments, if the parts have
     * them, without a bound on their values.
     *
     * @param parts the parts' profiles, made with {@link #partSettings}{@code (settings)}, at least one; parts
     *              without rows only contribute their columns
     * @throws ProfileException when a part was made with other settings, or the parts' columns differ
     */
    public static Profile combine(final List<Profile> parts, final ProfileSettings settings,
            final List<Profile.Source> sources) {
        return combine(parts, settings, sources, Integer.MAX_VALUE);
    }

    /**
     * As {@link #combine(List, ProfileSettings, List)}, keeping at most {@code capacity} values per segment
     * column apart (the parts' {@link SegmentedProfiler} capacity).
     */
    public static Profile combine(final List<Profile> parts, final ProfileSettings settings,
            final List<Profile.Source> sources, final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The segment capacity must be positive, not " + capacity);
        }
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
        List<SegmentProfiles> segments = new ArrayList<>(whole.segments().size());
        for (SegmentProfiles column : whole.segments()) {
            segments.add(bounded(column, settings, capacity));
        }
        return cut(whole, settings, sources).withSegments(segments);
    }

    /** A column's segments within the capacity, the largest kept, each cut to the final settings. */
    private static SegmentProfiles bounded(final SegmentProfiles column, final ProfileSettings settings,
            final int capacity) {
        List<SegmentProfiles.Segment> largest = new ArrayList<>(column.segments());
        largest.sort(LARGEST_FIRST);
        Profile other = column.other();
        List<SegmentProfiles.Segment> kept = new ArrayList<>(Math.min(capacity, largest.size()));
        for (SegmentProfiles.Segment segment : largest) {
            if (kept.size() < capacity) {
                kept.add(new SegmentProfiles.Segment(segment.value(), cut(segment.profile(), settings, List.of())));
            } else {
                other = other.merge(segment.profile());
            }
        }
        return new SegmentProfiles(column.column(), kept, cut(other, settings, List.of()));
    }

    /** The profile with these settings and sources, each column's categories cut to the settings' top list. */
    private static Profile cut(final Profile profile, final ProfileSettings settings,
            final List<Profile.Source> sources) {
        List<ColumnProfile> columns = new ArrayList<>(profile.columns().size());
        for (ColumnProfile column : profile.columns()) {
            CategorySummary all = column.categories();
            CategorySummary top = all == null ? null
                    : CategoryAccumulator.top(all.top(), all.other(), all.distinct(), settings.topK());
            columns.add(new ColumnProfile(column.name(), column.type(), column.count(), column.missing(),
                    column.numeric(), top));
        }
        return new Profile(Profile.SCHEMA_VERSION, sources, profile.rows(), settings, columns);
    }

    /** The part with rows in place of an empty one, once both are known to have the same columns. */
    private static Profile checkedSameColumns(final Profile empty, final Profile part) {
        empty.merge(part); // throws, naming the column, when the columns differ
        return part;
    }
}
