package io.mlstages.profile;

import java.util.List;
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
 */
public record Profile(int schemaVersion, List<Source> sources, long rows, ProfileSettings settings,
        List<ColumnProfile> columns) {

    /** The version of the profile JSON this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    public Profile {
        sources = List.copyOf(sources);
        columns = List.copyOf(columns);
    }

    /** The column of that name, if any. */
    public Optional<ColumnProfile> column(final String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The profile of the two datasets together, as if they had been profiled as one. Counts, extremes and
     * moments are exact; quantiles are within the sketch's error bound.
     *
     * @throws ProfileException when the settings or column types differ
     */
    public Profile merge(final Profile other) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A file that went into the profile. */
    public record Source(String file, String sha256, long rows) {
    }
}
