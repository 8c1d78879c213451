package io.mlstages.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.mlstages.data.ColumnType;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;

/**
 * Builds a {@link Profile} in one streaming pass: feed it rows with {@link #add}, then call {@link #finish}.
 * Memory per column is bounded (a KLL sketch, at most {@code exactLimit} kept values, at most
 * {@value CategoryAccumulator#DISTINCT_CAP} distinct categories), whatever the number of rows.
 *
 * <p>Not thread-safe: one profiler reads one source.</p>
 */
public final class Profiler {
    private static final byte NUMERIC = 0;
    private static final byte CATEGORICAL = 1;
    private static final byte BOOLEAN = 2;

    private final Schema schema;
    private final ProfileSettings settings;
    private final byte[] kinds;
    private final long[] missing;
    private final NumericAccumulator[] numeric;
    private final CategoryAccumulator[] categories;
    private long rows;

    /** A profiler for rows of this schema. */
    public Profiler(final Schema schema, final ProfileSettings settings) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.settings = Objects.requireNonNull(settings, "settings");
        int size = schema.size();
        kinds = new byte[size];
        missing = new long[size];
        numeric = new NumericAccumulator[size];
        categories = new CategoryAccumulator[size];
        for (int i = 0; i < size; i++) {
            ColumnType type = schema.column(i).type();
            if (type == ColumnType.NUMERIC) {
                kinds[i] = NUMERIC;
                numeric[i] = new NumericAccumulator(settings);
            } else {
                kinds[i] = type == ColumnType.BOOLEAN ? BOOLEAN : CATEGORICAL;
                categories[i] = new CategoryAccumulator(settings.topK());
            }
        }
    }

    /**
     * Profiles every remaining row of a source. The source is not closed.
     *
     * @param sha256 the SHA-256 of the source file (hex), or null when unknown (see {@link Profiles#sha256})
     * @throws io.mlstages.data.DataException when a row is malformed
     */
    public static Profile profile(final RowSource source, final ProfileSettings settings, final String sha256) {
        Profiler profiler = new Profiler(source.schema(), settings);
        while (source.next()) {
            profiler.add(source);
        }
        Path file = source.file();
        String name = file == null || file.getFileName() == null ? "-" : file.getFileName().toString();
        return profiler.finish(List.of(new Profile.Source(name, sha256, profiler.rows())));
    }

    /**
     * Adds the source's current row.
     *
     * @throws io.mlstages.data.DataException when a cell of a numeric column is not a number
     */
    public void add(final RowSource row) {
        rows++;
        byte[] kinds = this.kinds;
        for (int i = 0; i < kinds.length; i++) {
            if (row.isMissing(i)) {
                missing[i]++;
            } else if (kinds[i] == NUMERIC) {
                numeric[i].add(row.number(i));
            } else if (kinds[i] == BOOLEAN) {
                categories[i].addBoolean(row.bool(i));
            } else {
                categories[i].add(row.text(i));
            }
        }
    }

    /** The rows added so far. */
    public long rows() {
        return rows;
    }

    /** The profile of the rows added, attributed to these sources. The profiler must not be used after. */
    public Profile finish(final List<Profile.Source> sources) {
        List<ColumnProfile> columns = new ArrayList<>(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            String name = schema.column(i).name();
            ColumnType type = schema.column(i).type();
            if (kinds[i] == NUMERIC) {
                columns.add(new ColumnProfile(name, type, rows, missing[i], numeric[i].finish(), null));
            } else {
                columns.add(new ColumnProfile(name, type, rows, missing[i], null, categories[i].finish()));
            }
        }
        return new Profile(Profile.SCHEMA_VERSION, sources, rows, settings, columns);
    }
}
