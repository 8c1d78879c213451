package io.mlstages.profile;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The profiles of one segment column's values: one profile per value met while reading (up to the profiler's
 * capacity, see {@link SegmentedProfiler}) and one for the rows of every later value ({@code other}). Each
 * segment's profile has the whole profile's columns and settings, and no sources of its own.
 *
 * @param column   the segment column
 * @param segments one profile per value, in the order the values were first met; a missing cell is the value null
 * @param other    the rows whose value came after the capacity was reached (often none)
 */
public record SegmentProfiles(String column, List<Segment> segments, Profile other) {

    public SegmentProfiles {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(other, "other");
        segments = List.copyOf(segments);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Segment segment : segments) {
            if (!seen.add(segment.value())) {
                throw new IllegalArgumentException("Segment column '" + column + "' lists the value "
                        + (segment.value() == null ? "(missing)" : "'" + segment.value() + "'") + " twice");
            }
        }
    }

    /** The rows of all segments and of {@code other}. */
    public long rows() {
        return other.rows() + segments.stream().mapToLong(s -> s.profile().rows()).sum();
    }

    /** The profile of a value (null for the missing cells), if it was met and kept. */
    public java.util.Optional<Profile> segment(@CheckForNull final String value) {
        return segments.stream().filter(s -> Objects.equals(s.value(), value)).map(Segment::profile).findFirst();
    }

    /**
     * These segments and another sample's of the same column as one: the profiles of a value met in both merge;
     * a value met in only one keeps its profile. Should one side have pooled a value into its {@code other}, the
     * merged segment holds only the other side's rows of it.
     */
    SegmentProfiles merge(final SegmentProfiles more) {
        Map<String, Profile> merged = new LinkedHashMap<>();
        for (Segment segment : segments) {
            merged.put(segment.value(), segment.profile());
        }
        for (Segment segment : more.segments) {
            merged.merge(segment.value(), segment.profile(), Profile::merge);
        }
        List<Segment> list = new ArrayList<>(merged.size());
        merged.forEach((value, profile) -> list.add(new Segment(value, profile)));
        return new SegmentProfiles(column, list, other.merge(more.other));
    }

    /**
     * One value's rows.
     *
     * @param value   the cell's text as read (trimmed), or null for a missing cell
     * @param profile the profile of those rows
     */
    public record Segment(@CheckForNull String value, Profile profile) {
        public Segment {
            Objects.requireNonNull(profile, "profile");
        }
    }
}
