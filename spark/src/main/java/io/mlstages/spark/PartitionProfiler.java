package io.mlstages.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

import io.mlstages.data.CellRow;
import io.mlstages.data.Column;
import io.mlstages.data.ColumnType;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.Schema;
import io.mlstages.profile.PartProfiles;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.SegmentedProfiler;

/**
 * Profiles one partition on its executor with the engine's {@link SegmentedProfiler} (a plain profiler when there
 * are no segment columns) and hands back that one small profile, segments included, as JSON (the engine's own codec, so nothing but plain strings crosses Java serialization on its way
 * to the driver). Every field is a string, a primitive or an array of them: Spark ships this function to the
 * executors with Java serialization, and the engine's records are not {@link Serializable}.
 */
final class PartitionProfiler implements FlatMapFunction<Iterator<Row>, String> {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String[] names;
    private final String[] types;
    private final String[] origins;
    private final String[] missing;
    /** Whether the rows hold text cells (CSV, JSON) to be typed as the reader types them, or typed values. */
    private final boolean text;
    private final int sketchK;
    private final int bins;
    private final int topK;
    private final int exactLimit;
    private final String[] segments;
    /** Per column: whether it is a segment column, whose typed values also need their text. */
    private final boolean[] segment;
    private final int capacity;

    /**
     * @param segments the segment columns (none: no segments)
     * @param capacity the most values per segment column with a profile of their own
     */
    PartitionProfiler(final String origin, final Schema schema, final List<String> origins, final ReadOptions options,
            final ProfileSettings settings, final boolean text, final List<String> segments, final int capacity) {
        this.origin = origin;
        this.names = schema.names().toArray(new String[0]);
        this.types = schema.columns().stream().map(c -> c.type().name()).toArray(String[]::new);
        this.origins = origins.toArray(new String[0]);
        this.missing = options.missing().toArray(new String[0]);
        this.text = text;
        ProfileSettings parts = PartProfiles.partSettings(settings);
        this.sketchK = parts.sketchK();
        this.bins = parts.bins();
        this.topK = parts.topK();
        this.exactLimit = parts.exactLimit();
        this.segments = segments.toArray(new String[0]);
        this.segment = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            segment[i] = segments.contains(names[i]);
        }
        this.capacity = capacity;
    }

    @Override
    public Iterator<String> call(final Iterator<Row> rows) {
        List<Column> columns = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            columns.add(new Column(names[i], ColumnType.valueOf(types[i])));
        }
        Schema schema = new Schema(columns);
        ReadOptions options = ReadOptions.defaults().withMissing(Set.of(missing));
        TaskContext task = TaskContext.get();
        String where = task == null ? origin : origin + " (partition " + task.partitionId() + ")";
        CellRow row = new CellRow(where, schema, List.of(origins), options);
        ColumnType[] kinds = schema.columns().stream().map(Column::type).toArray(ColumnType[]::new);
        String[] cells = new String[names.length];
        long count = 0;
        try (SegmentedProfiler profiler = new SegmentedProfiler(schema, new ProfileSettings(sketchK, bins, topK,
                exactLimit), List.of(segments), capacity)) {
            while (rows.hasNext()) {
                Row next = rows.next();
                count++;
                if (text) {
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = next.isNullAt(i) ? null : next.getString(i);
                    }
                    row.putCells(cells, count);
                } else {
                    put(row, next, kinds, segment, count);
                }
                profiler.add(row);
            }
            Profile profile = profiler.finish(List.of(new Profile.Source(where, null, count)));
            return List.of(ProfileJson.toJson(profile)).iterator();
        }
    }

    /**
     * A row of typed values: numbers of any width (decimals too) as doubles, booleans, the rest as text. A segment
     * column's number or boolean also gets its text, which names its segment.
     */
    private static void put(final CellRow row, final Row next, final ColumnType[] kinds, final boolean[] segment,
            final long line) {
        row.startRow(line);
        for (int i = 0; i < kinds.length; i++) {
            if (next.isNullAt(i)) {
                continue;
            }
            Object value = next.get(i);
            switch (kinds[i]) {
                case NUMERIC -> row.putNumber(i, ((Number) value).doubleValue());
                case BOOLEAN -> row.putBool(i, (Boolean) value);
                case CATEGORICAL -> row.putText(i, value.toString());
                default -> throw new IllegalStateException("Unknown column type " + kinds[i]);
            }
            if (segment[i] && kinds[i] != ColumnType.CATEGORICAL) {
                row.putText(i, text(value));
            }
        }
    }

    /**
     * A typed value's text as the engine's Parquet reader gives it, so that a segment is named alike on Spark and
     * on the command line: integers and booleans as Java writes them, floats and doubles by Java's shortest form,
     * decimals without an exponent.
     */
    static String text(final Object value) {
        return value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
