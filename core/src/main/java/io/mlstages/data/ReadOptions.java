package io.mlstages.data;

import java.util.Map;
import java.util.Set;

/**
 * How to read a dataset.
 *
 * @param format       the format, or null to choose by the file name ({@link Format#of})
 * @param delimiter    the CSV field separator
 * @param missing      the cell texts that mean "missing" (compared after trimming, case-sensitively);
 *                     an empty cell is always missing
 * @param types        column types that override inference, by column name
 * @param schema       a complete schema that replaces inference (null: infer); columns of the file that it does
 *                     not name are an error, as are columns it names that the file lacks
 * @param inferRows    how many leading rows decide an inferred type; 0 reads the whole file twice
 *                     (first to infer, then to stream), which suits files with late surprises
 */
public record ReadOptions(Format format, char delimiter, Set<String> missing, Map<String, ColumnType> types,
        Schema schema, int inferRows) {

    /** The default missing-value tokens. */
    public static final Set<String> DEFAULT_MISSING = Set.of("NA", "N/A", "NaN", "nan", "null", "NULL", "None", "");

    /** How many rows decide an inferred column type by default. */
    public static final int DEFAULT_INFER_ROWS = 10_000;

    public ReadOptions {
        missing = Set.copyOf(missing);
        types = Map.copyOf(types);
        if (inferRows < 0) {
            throw new IllegalArgumentException("inferRows must be 0 (whole file) or positive, not " + inferRows);
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("The delimiter cannot be a quote or a line break");
        }
    }

    /** Comma-separated, default missing tokens, types inferred from the first 10,000 rows. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, ',', DEFAULT_MISSING, Map.of(), null, DEFAULT_INFER_ROWS);
    }

    public ReadOptions withFormat(final Format value) {
        return new ReadOptions(value, delimiter, missing, types, schema, inferRows);
    }

    public ReadOptions withDelimiter(final char value) {
        return new ReadOptions(format, value, missing, types, schema, inferRows);
    }

    public ReadOptions withMissing(final Set<String> value) {
        return new ReadOptions(format, delimiter, value, types, schema, inferRows);
    }

    public ReadOptions withTypes(final Map<String, ColumnType> value) {
        return new ReadOptions(format, delimiter, missing, value, schema, inferRows);
    }

    public ReadOptions withSchema(final Schema value) {
        return new ReadOptions(format, delimiter, missing, types, value, inferRows);
    }

    public ReadOptions withInferRows(final int value) {
        return new ReadOptions(format, delimiter, missing, types, schema, value);
    }
}
