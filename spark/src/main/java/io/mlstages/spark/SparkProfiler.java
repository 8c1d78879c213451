package io.mlstages.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.CharType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.VarcharType;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.CellRow;
import io.mlstages.data.ColumnType;
import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.Schema;
import io.mlstages.profile.PartProfiles;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileException;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;

/**
 * The profile of a Spark dataset, equal to what {@code mlstages profile} writes for the same data: every
 * partition is profiled where it lies ({@link PartitionProfiler}), the driver merges the partitions' profiles
 * ({@link PartProfiles#combine}). The rows are never shuffled; what travels is one profile per partition.
 *
 * <p>Column types follow the engine. Text data (CSV or JSON read with every column as a string) is typed by the
 * engine's own inference ({@link CellRow#infer}) over the first {@code inferRows} rows, as the command line types
 * a file; the cells are then typed by the engine's reader rules (missing-value tokens, numbers, booleans). Typed
 * data (Parquet, ORC, a table) takes its types from the Spark schema: integers, floats and decimals are numeric,
 * booleans boolean, strings, dates and timestamps categorical (dates and timestamps as Spark writes them as
 * text); other columns (binary, arrays, maps, structs) are refused, naming the column.</p>
 */
public final class SparkProfiler {
    private SparkProfiler() {
    }

    /**
     * Profiles a dataset whose every column is a string of text cells, as read from CSV or JSON.
     *
     * @param origin  what the data is (its path), for the profile's source and for messages
     * @param options the missing-value tokens, the type overrides and the inference row count of the reader
     * @throws DataException naming the column, value and row when a cell does not fit its column, or when the
     *                       data has no rows
     */
    public static Profile profileText(final Dataset<Row> data, final String origin, final ReadOptions options,
            final ProfileSettings settings) {
        return profileText(data, origin, options, settings, List.of(), 1);
    }

    /**
     * As {@link #profileText(Dataset, String, ReadOptions, ProfileSettings)}, with the profiles of each value of the
     * segment columns, as {@code mlstages profile --segment} stores them.
     *
     * @param segments the segment columns, or none
     * @param capacity the most values per segment column with a profile of their own ({@code
     *                 SegmentOptions.capacity(maxSegments)})
     * @throws io.mlstages.profile.ProfileException naming a segment column the data does not have
     */
    public static Profile profileText(final Dataset<Row> data, final String origin, final ReadOptions options,
            final ProfileSettings settings, final List<String> segments, final int capacity) {
        List<String> names = List.of(data.columns());
        if (options.inferRows() == 0) {
            throw new IllegalArgumentException("Inference from every row would bring all rows to the driver: give "
                    + "a row count");
        }
        int limit = options.inferRows();
        List<String[]> head = new ArrayList<>();
        for (Row row : data.takeAsList(limit)) {
            String[] cells = new String[names.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = row.isNullAt(i) ? null : row.get(i).toString();
            }
            head.add(cells);
        }
        Schema schema = CellRow.infer(origin, names, head, options);
        List<String> origins = head.size() < limit
                ? CellRow.origins(schema, options, head.size()).stream()
                        .map(o -> o.replaceFirst("from the first \\d+ rows$", "from the whole data")).toList()
                : CellRow.origins(schema, options, head.size());
        Dataset<Row> strings = data.select(names.stream().map(n -> functions.col(quoted(n)).cast("string"))
                .toArray(Column[]::new));
        return run(strings, origin, schema, origins, options, settings, true, segments, capacity);
    }

    /**
     * Profiles a typed dataset (Parquet, ORC, a table), its column types taken from the Spark schema.
     *
     * @throws DataException naming the column when its Spark type has no engine type, or a type override names a
     *                       column the data lacks
     */
    public static Profile profileTyped(final Dataset<Row> data, final String origin, final ReadOptions options,
            final ProfileSettings settings) {
        return profileTyped(data, origin, options, settings, List.of(), 1);
    }

    /**
     * As {@link #profileTyped(Dataset, String, ReadOptions, ProfileSettings)}, with segments (see
     * {@link #profileText(Dataset, String, ReadOptions, ProfileSettings, List, int)}). A typed segment value is
     * named by its text as the engine's Parquet reader writes it ({@code 3}, {@code 2.5}, {@code true}).
     */
    public static Profile profileTyped(final Dataset<Row> data, final String origin, final ReadOptions options,
            final ProfileSettings settings, final List<String> segments, final int capacity) {
        Schema schema = schema(data.schema(), origin, options);
        List<Column> columns = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        StructField[] fields = data.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            ColumnType type = schema.column(i).type();
            Column column = functions.col(quoted(fields[i].name()));
            DataType spark = fields[i].dataType();
            if (type == ColumnType.CATEGORICAL && !(spark instanceof StringType)) {
                column = column.cast("string"); // dates and timestamps as Spark writes them; overrides
            } else if (type == ColumnType.NUMERIC && type(spark) != ColumnType.NUMERIC) {
                column = column.cast("double"); // a --type override of a text column
            } else if (type == ColumnType.BOOLEAN && type(spark) != ColumnType.BOOLEAN) {
                column = column.cast("boolean");
            }
            columns.add(column.alias(fields[i].name()));
            origins.add(options.types().containsKey(fields[i].name()) ? "declared " + type.label() + " with --type"
                    : "typed " + type.label() + " from the Spark type " + fields[i].dataType().simpleString());
        }
        return run(data.select(columns.toArray(Column[]::new)), origin, schema, origins, options, settings, false,
                segments, capacity);
    }

    /**
     * The engine's schema of a typed Spark schema, with the user's type overrides.
     *
     * @throws DataException naming the column when its Spark type has no engine type
     */
    public static Schema schema(final StructType spark, final String origin, final ReadOptions options) {
        List<io.mlstages.data.Column> columns = new ArrayList<>();
        List<String> names = List.of(spark.fieldNames());
        for (String name : options.types().keySet()) {
            if (!names.contains(name)) {
                throw new DataException(null, 0, name, origin + ": --type names a column the data does not have;"
                        + " the columns are " + String.join(", ", names));
            }
        }
        for (StructField field : spark.fields()) {
            ColumnType given = options.types().get(field.name());
            ColumnType type = given != null ? given : type(field.dataType());
            if (type == null) {
                throw new DataException(null, 0, field.name(), origin + ": column '" + field.name() + "' is "
                        + field.dataType().simpleString() + ", which has no engine type (numeric, categorical or "
                        + "boolean); leave it out of the input or declare it categorical with --type "
                        + field.name() + "=categorical");
            }
            columns.add(new io.mlstages.data.Column(field.name(), type));
        }
        return new Schema(columns);
    }

    /** The engine type of a Spark type, or null when it has none. */
    @CheckForNull
    static ColumnType type(final DataType type) {
        if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
                || type instanceof LongType || type instanceof FloatType || type instanceof DoubleType
                || type instanceof DecimalType) {
            return ColumnType.NUMERIC;
        }
        if (type instanceof BooleanType) {
            return ColumnType.BOOLEAN;
        }
        if (type instanceof StringType || type instanceof CharType || type instanceof VarcharType
                || type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType) {
            return ColumnType.CATEGORICAL;
        }
        return null;
    }

    private static Profile run(final Dataset<Row> data, final String origin, final Schema schema,
            final List<String> origins, final ReadOptions options, final ProfileSettings settings, final boolean text,
            final List<String> segments, final int capacity) {
        PartitionProfiler profiler = new PartitionProfiler(origin, schema, origins, options, settings, text, segments,
                capacity);
        // the profile of no rows, made here before any task runs: a segment column the data lacks fails now, on
        // the driver, naming the column; and a dataset without partitions still gets its columns
        Profile none;
        try {
            none = ProfileJson.fromJson(profiler.call(List.<Row>of().iterator()).next(), origin);
        } catch (ProfileException e) {
            throw new ProfileException(origin + ": " + e.getMessage(), e);
        }
        List<String> parts = data.toJavaRDD().mapPartitions(profiler).collect();
        List<Profile> profiles = new ArrayList<>(parts.size() + 1);
        profiles.add(none);
        for (int i = 0; i < parts.size(); i++) {
            profiles.add(ProfileJson.fromJson(parts.get(i), origin + " (partition " + i + ")"));
        }
        long rows = profiles.stream().mapToLong(Profile::rows).sum();
        return PartProfiles.combine(profiles, settings, List.of(new Profile.Source(origin, null, rows)), capacity);
    }

    /** A column name as Spark's column resolver wants it: in back-quotes, so dots and spaces are plain text. */
    static String quoted(final String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
