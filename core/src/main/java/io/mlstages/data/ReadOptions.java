package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

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
 * @param onBadRows    whether a malformed row fails the read or is skipped (see {@link OnBadRows})
 * @param maxBadRowsShare in skip mode, the largest share of rows (0 to 1) that may be skipped before the read
 *                     fails anyway, naming the file and the share
 * @param badRowLog    where skipped rows are logged for the reports (null: they are counted, not kept); a
 *                     mutable collector shared by the reads of one command
 * @param columns      the columns the caller needs (empty: all). A columnar format (Parquet) reads only these and
 *                     leaves out the others, even the ones it cannot read; row formats (CSV, JSON Lines) read every
 *                     column anyway, since each row must be split whole
 */
public record ReadOptions(@CheckForNull Format format, char delimiter, Set<String> missing, Map<String, ColumnType> types,
        @CheckForNull Schema schema, int inferRows, OnBadRows onBadRows, double maxBadRowsShare,
        @CheckForNull BadRowLog badRowLog, Set<String> columns) {

    /** The default missing-value tokens. */
    public static final Set<String> DEFAULT_MISSING = Set.of("NA", "N/A", "NaN", "nan", "null", "NULL", "None", "");

    /** How many rows decide an inferred column type by default. */
    public static final int DEFAULT_INFER_ROWS = 10_000;

    /** The share of bad rows that skip mode tolerates by default: one in a hundred. */
    public static final double DEFAULT_MAX_BAD_ROWS_SHARE = 0.01;

    public ReadOptions {
        missing = Set.copyOf(missing);
        types = Map.copyOf(types);
        columns = columns == null ? Set.of() : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(columns));
        if (inferRows < 0) {
            throw new IllegalArgumentException("inferRows must be 0 (whole file) or positive, not " + inferRows);
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("The delimiter cannot be a quote or a line break");
        }
        java.util.Objects.requireNonNull(onBadRows, "onBadRows");
        if (!(maxBadRowsShare >= 0 && maxBadRowsShare <= 1)) {
            throw new IllegalArgumentException("the largest share of bad rows must be between 0 and 1, not "
                    + maxBadRowsShare);
        }
    }

    /** Comma-separated, default missing tokens, types inferred from the first 10,000 rows. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, ',', DEFAULT_MISSING, Map.of(), null, DEFAULT_INFER_ROWS, OnBadRows.FAIL,
                DEFAULT_MAX_BAD_ROWS_SHARE, null, Set.of());
    }

    public ReadOptions withFormat(@CheckForNull final Format value) {
        return new ReadOptions(value, delimiter, missing, types, schema, inferRows, onBadRows, maxBadRowsShare,
                badRowLog, columns);
    }

    public ReadOptions withDelimiter(final char value) {
        return new ReadOptions(format, value, missing, types, schema, inferRows, onBadRows, maxBadRowsShare,
                badRowLog, columns);
    }

    public ReadOptions withMissing(final Set<String> value) {
        return new ReadOptions(format, delimiter, value, types, schema, inferRows, onBadRows, maxBadRowsShare,
                badRowLog, columns);
    }

    public ReadOptions withTypes(final Map<String, ColumnType> value) {
        return new ReadOptions(format, delimiter, missing, value, schema, inferRows, onBadRows, maxBadRowsShare,
                badRowLog, columns);
    }

    public ReadOptions withSchema(final Schema value) {
        return new ReadOptions(format, delimiter, missing, types, value, inferRows, onBadRows, maxBadRowsShare,
                badRowLog, columns);
    }

    public ReadOptions withInferRows(final int value) {
        return new ReadOptions(format, delimiter, missing, types, schema, value, onBadRows, maxBadRowsShare,
                badRowLog, columns);
    }

    public ReadOptions withOnBadRows(final OnBadRows value) {
        return new ReadOptions(format, delimiter, missing, types, schema, inferRows, value, maxBadRowsShare,
                badRowLog, columns);
    }

    public ReadOptions withMaxBadRowsShare(final double value) {
        return new ReadOptions(format, delimiter, missing, types, schema, inferRows, onBadRows, value, badRowLog,
                columns);
    }

    public ReadOptions withBadRowLog(@CheckForNull final BadRowLog value) {
        return new ReadOptions(format, delimiter, missing, types, schema, inferRows, onBadRows, maxBadRowsShare,
                value, columns);
    }

    /** Reads only these columns where the format allows it (Parquet); empty: all. */
    public ReadOptions withColumns(final java.util.Collection<String> value) {
        return new ReadOptions(format, delimiter, missing, types, schema, inferRows, onBadRows, maxBadRowsShare,
                badRowLog, new java.util.LinkedHashSet<>(value));
    }

    /** What the {@link #badRowLog()} holds so far, or none when there is no log. */
    public BadRows badRows() {
        return badRowLog == null ? BadRows.none() : badRowLog.snapshot();
    }
}
