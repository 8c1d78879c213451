package io.mlstages.profile;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Objects;
import java.util.Optional;

/**
 * The compact summary of a dataset that drift checks compare against: one {@link ColumnProfile} per column.
 * A model version stores its training data's profile, so a later check never re-reads the training data.
 *
 * @param schemaVersion the JSON schema version ({@link #SCHEMA_VERSION})
 * @param sources       the files profiled, with their SHA-256 (several after a merge)
 * @param rows          the number of rows
 * @param settings      the sketch and histogram settings used, which two profiles must share to merge
 * @param columns       one profile per column, in the dataset's order
 * @param segments      per-segment profiles, one entry per segment column ({@code mlstages profile --segment});
 *                      empty for a profile made without segments
 */
public record Profile(int schemaVersion, List<Source> sources, long rows, ProfileSettings settings,
        List<ColumnProfile> columns, List<SegmentProfiles> segments) {

    /** The version of the profile JSON this code writes for a profile without segments. */
    public static final int SCHEMA_VERSION = 1;
    /**
     * The version of a profile with segments, and the newest this code reads: older versions would read such a
     * profile without its segments, so they are made to refuse it instead.
     */
    public static final int SEGMENTS_SCHEMA_VERSION = 2;

    public Profile {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be positive, not " + schemaVersion);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, not " + rows);
        }
        Objects.requireNonNull(settings, "settings");
        sources = List.copyOf(sources);
        segments = segments == null ? List.of() : List.copyOf(segments);
        if (!segments.isEmpty() && schemaVersion < SEGMENTS_SCHEMA_VERSION) {
            schemaVersion = SEGMENTS_SCHEMA_VERSION;
        }
        columns = new Columns(columns);
        for (ColumnProfile column : columns) {
            if (column.count() != rows) {
                throw new IllegalArgumentException("Column '" + column.name() + "' counts " + column.count()
                        + " rows but the profile has " + rows);
            }
        }
    }

    /** A profile without segments. */
    public Profile(final int schemaVersion, final List<Source> sources, final long rows,
            final ProfileSettings settings, final List<ColumnProfile> columns) {
        this(schemaVersion, sources, rows, settings, columns, List.of());
    }

    /** The segments of that column, if this profile has them. */
    public Optional<SegmentProfiles> segments(final String column) {
        return segments.stream().filter(s -> s.column().equals(column)).findFirst();
    }

    /** This profile with these segments. */
    public Profile withSegments(final List<SegmentProfiles> value) {
        return new Profile(schemaVersion, sources, rows, settings, columns, value);
    }

    /** The column of that name (the first, should names repeat), if any. Constant time: callers loop over wide tables. */
    public Optional<ColumnProfile> column(final String name) {
        return Optional.ofNullable(((Columns) columns).byName.get(name));
    }

    /**
     * The profile of the two datasets together, as if they had been profiled as one. Counts, extremes and
     * moments are exact (mean and standard deviation up to rounding); the sketches merge, so quantiles stay
     * within the sketch's error bound; the kept values are concatenated while their total is within
     * {@code exactLimit}; histograms are re-derived over the merged extremes.
     *
     * <p>Category counts are exact when both sides kept all their categories ({@code other == 0}). Otherwise
     * a value that one side kept by name and the other pooled into its {@code other} gets only the first
     * side's count, the rest staying in {@code other}: the merged top counts are then lower bounds.</p>
     *
     * <p>The sources are listed one after the other; both profiles must have the same columns in the same
     * order, with the same types, and the same settings. Segments of a column both profiles have merge value by
     * value (see {@link SegmentProfiles}); a segment column only one of them has is dropped.</p>
     *
     * @throws ProfileException when the settings, column names or column types differ, naming the column
     */
    public Profile merge(final Profile other) {
        if (!settings.equals(other.settings)) {
            throw new ProfileException("Cannot merge profiles made with different settings: " + settings
                    + " and " + other.settings);
        }
        if (columns.size() != other.columns.size()) {
            throw new ProfileException("Cannot merge profiles with different columns: " + names(columns)
                    + " and " + names(other.columns));
        }
        List<ColumnProfile> merged = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnProfile a = columns.get(i);
            ColumnProfile b = other.columns.get(i);
            if (!a.name().equals(b.name())) {
                throw new ProfileException("Cannot merge profiles with different columns: column " + (i + 1)
                        + " is '" + a.name() + "' in one and '" + b.name() + "' in the other");
            }
            if (a.type() != b.type()) {
                throw new ProfileException("Cannot merge profiles: column '" + a.name() + "' is "
                        + a.type().label() + " in one and " + b.type().label() + " in the other");
            }
            // the types agree, so both columns have the same kind of summary
            NumericSummary aNumeric = a.numeric();
            NumericSummary numeric = aNumeric == null ? null
                    : NumericAccumulator.merge(aNumeric, Objects.requireNonNull(b.numeric(), "numeric"), settings);
            CategorySummary aCategories = a.categories();
            CategorySummary categories = aCategories == null ? null : CategoryAccumulator.merge(aCategories,
                    Objects.requireNonNull(b.categories(), "categories"), settings.topK());
            merged.add(new ColumnProfile(a.name(), a.type(), a.count() + b.count(), a.missing() + b.missing(),
                    numeric, categories));
        }
        List<Source> allSources = new ArrayList<>(sources);
        allSources.addAll(other.sources);
        List<SegmentProfiles> mergedSegments = new ArrayList<>();
        for (SegmentProfiles mine : segments) {
            other.segments(mine.column()).ifPresent(theirs -> mergedSegments.add(mine.merge(theirs)));
        }
        return new Profile(SCHEMA_VERSION, allSources, rows + other.rows, settings, merged, mergedSegments);
    }

    private static List<String> names(final List<ColumnProfile> columns) {
        List<String> names = new ArrayList<>(columns.size());
        for (ColumnProfile column : columns) {
            names.add(column.name());
        }
        return names;
    }

    /**
     * A file that went into the profile.
     *
     * @param file   the file name (without its directory, so that profiles compare across machines)
     * @param sha256 the SHA-256 of the file's bytes, lower-case hex, or null when unknown
     * @param rows   how many rows it had
     */
    public record Source(String file, @CheckForNull String sha256, long rows) {
        public Source {
            Objects.requireNonNull(file, "file");
            if (rows < 0) {
                throw new IllegalArgumentException("rows of " + file + " must not be negative, not " + rows);
            }
        }
    }

    /**
     * The columns as an immutable list that also finds a column by name, so that a lookup per column of a table
     * with 100,000 columns is not quadratic. Equal to any list with the same columns.
     */
    private static final class Columns extends AbstractList<ColumnProfile> implements RandomAccess {
        private final ColumnProfile[] items;
        private final Map<String, ColumnProfile> byName;

        Columns(final List<ColumnProfile> columns) {
            items = columns.toArray(new ColumnProfile[0]);
            byName = new HashMap<>(items.length * 4 / 3 + 1);
            for (ColumnProfile column : items) {
                byName.putIfAbsent(Objects.requireNonNull(column, "column").name(), column);
            }
        }

        @Override
        public ColumnProfile get(final int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }
}
