package io.mlstages.profile;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;

/**
 * A {@link Profiler} that also profiles each value of some segment columns, in the same pass: every row goes to
 * the whole profile and to its value's profile of each segment column. Only the first {@code capacity} distinct
 * values of a column get a profile of their own; the rows of later values go to that column's {@code other}, so
 * that memory is bounded by the capacity whatever the data (a value first met late in a file, after the
 * capacity was reached, is then only part of {@code other}; docs/drift.md says so).
 *
 * <p>A segment's value is its cell's text, trimmed, as written in the file ({@code 1} and {@code 1.0} are two
 * values); a missing cell is the value null.</p>
 *
 * <p>Not thread-safe: one profiler reads one source.</p>
 */
public final class SegmentedProfiler implements AutoCloseable {
    /** A segment's profiler summarises in batches this small: there may be many of them. */
    private static final int SEGMENT_BATCH_ROWS = 256;

    private final Schema schema;
    private final ProfileSettings settings;
    private final Profiler whole;
    private final int capacity;
    private final int[] positions;
    private final List<String> names;
    private final List<Map<String, Profiler>> byValue = new ArrayList<>();
    private final List<Profiler> others = new ArrayList<>();
    /** A map cannot tell a missing cell apart with a null key in every implementation; it has its own slot. */
    private final Profiler[] missing;

    /**
     * @param columns  the segment columns (none makes this a plain profiler)
     * @param capacity the most values per column that get a profile of their own
     * @throws ProfileException naming a segment column the schema does not have
     */
    public SegmentedProfiler(final Schema schema, final ProfileSettings settings, final List<String> columns,
            final int capacity) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (capacity < 1) {
            throw new IllegalArgumentException("The segment capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
        this.names = List.copyOf(columns);
        positions = new int[names.size()];
        missing = new Profiler[names.size()];
        for (int i = 0; i < names.size(); i++) {
            int position = schema.indexOf(names.get(i));
            if (position < 0) {
                throw new ProfileException("The segment column '" + names.get(i) + "' is not in the data; its "
                        + "columns are " + schema.names());
            }
            positions[i] = position;
            byValue.add(new HashMap<>());
            others.add(segmentProfiler());
        }
        whole = new Profiler(schema, settings);
    }

    private Profiler segmentProfiler() {
        return new Profiler(schema, settings, false, SEGMENT_BATCH_ROWS);
    }

    /**
     * Profiles every remaining row of a source, as {@link Profiler#profile} does, with segments.
     *
     * @throws io.mlstages.data.DataException when a row is malformed
     */
    public static Profile profile(final RowSource source, final ProfileSettings settings, final List<String> columns,
            final int capacity, @CheckForNull final String sha256) {
        try (SegmentedProfiler profiler = new SegmentedProfiler(source.schema(), settings, columns, capacity)) {
            while (source.next()) {
                profiler.add(source);
            }
            java.nio.file.Path fileName = source.file().getFileName();
            String name = fileName == null ? "-" : fileName.toString();
            return profiler.finish(List.of(new Profile.Source(name, sha256, profiler.whole.rows())));
        }
    }

    /**
     * Adds the source's current row to the whole profile and to its segments.
     *
     * @throws io.mlstages.data.DataException when a cell of a numeric column is not a number (the row is then
     *                                        in no profile)
     */
    public void add(final RowSource row) {
        whole.add(row); // first: a malformed row fails here, before any segment counted it
        for (int i = 0; i < positions.length; i++) {
            segment(i, row).add(row);
        }
    }

    private Profiler segment(final int index, final RowSource row) {
        if (row.isMissing(positions[index])) {
            if (missing[index] == null) {
                if (byValue.get(index).size() + 1 > capacity) {
                    return others.get(index);
                }
                missing[index] = segmentProfiler();
            }
            return missing[index];
        }
        Map<String, Profiler> values = byValue.get(index);
        String value = row.text(positions[index]).strip();
        Profiler profiler = values.get(value);
        if (profiler == null) {
            if (values.size() + (missing[index] == null ? 0 : 1) >= capacity) {
                return others.get(index);
            }
            profiler = segmentProfiler();
            values.put(value, profiler);
        }
        return profiler;
    }

    /**
     * The whole profile with its segments, the whole attributed to these sources. The profiler cannot be used
     * after.
     */
    public Profile finish(final List<Profile.Source> sources) {
        Profile profile = whole.finish(sources);
        List<SegmentProfiles> segments = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            List<SegmentProfiles.Segment> list = new ArrayList<>();
            for (Map.Entry<String, Profiler> entry : byValue.get(i).entrySet()) {
                list.add(new SegmentProfiles.Segment(entry.getKey(), entry.getValue().finish(List.of())));
            }
            if (missing[i] != null) {
                list.add(new SegmentProfiles.Segment(null, missing[i].finish(List.of())));
            }
            // largest first, so that a stored profile reads in the order a reader cares about
            list.sort(java.util.Comparator.comparingLong((SegmentProfiles.Segment s) -> -s.profile().rows())
                    .thenComparing(s -> s.value() == null ? "" : s.value()));
            segments.add(new SegmentProfiles(names.get(i), list, others.get(i).finish(List.of())));
        }
        return profile.withSegments(segments);
    }

    /** The rows added so far. */
    public long rows() {
        return whole.rows();
    }

    @Override
    public void close() {
        whole.close();
    }
}
