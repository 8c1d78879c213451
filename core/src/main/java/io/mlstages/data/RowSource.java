package io.mlstages.data;

import java.nio.file.Path;

/**
 * A forward-only cursor over the rows of one dataset file. Memory does not grow with the number of rows: only
 * the current row (and, while the schema is inferred, a bounded prefix of rows) is held.
 *
 * <p>Usage: {@code while (source.next()) { ... source.number(i) ... }}. Accessors refer to the current row and
 * take a column position from {@link #schema()}.</p>
 *
 * <p>Not thread-safe. Close it to release the file.</p>
 */
public interface RowSource extends AutoCloseable {
    /** The file being read. */
    Path file();

    /** The columns: inferred from the data, or as the user gave them. */
    Schema schema();

    /**
     * Moves to the next row.
     *
     * @return false at the end of the data
     * @throws DataException for a malformed row, naming the file, the line and the column
     */
    boolean next();

    /** The 1-based line of the file where the current row starts (a quoted field may span several lines). */
    long line();

    /** Whether the cell is missing: empty, or one of the missing-value tokens. */
    boolean isMissing(int column);

    /**
     * The cell of a {@link ColumnType#NUMERIC} column as a number. {@code Infinity}, {@code -Infinity} and
     * (when the user removed it from the missing tokens) {@code NaN} come back as the double values they name.
     *
     * @throws DataException naming the file, line, column and the text when the cell is not a number
     * @throws IllegalStateException when the cell is missing
     */
    double number(int column);

    /** The cell of a {@link ColumnType#BOOLEAN} column. */
    boolean bool(int column);

    /**
     * The cell as text, as it stands in the file, untrimmed (for JSON Lines, a scalar's text form: {@code true},
     * {@code 12.5}, a string without its quotes; the empty string for {@code null} or an absent key).
     */
    String text(int column);

    /** The number of bytes consumed so far, for progress. */
    long position();

    /** The size of the file in bytes, or -1 when unknown. */
    long size();

    /**
     * The SHA-256 of the file's bytes as stored, in lower-case hexadecimal, as a profile records it. Computed
     * while the file is read, so it costs nothing extra once {@link #next()} has returned false; called earlier,
     * it reads the file once more.
     *
     * @throws DataException when the file cannot be read again
     */
    default String sha256() {
        return DataReader.sha256(file());
    }

    /**
     * Reads every remaining value a column at a time, where the format stores values by column (Parquet): within
     * each block of rows (a row group), all of the first column's values, then all of the second's, and so on.
     * For each value it calls {@code cell} with the column's position; while that call runs, the accessors
     * ({@link #isMissing}, {@link #number}, {@link #bool}, {@link #text}) answer for that column only and
     * {@link #line()} gives the value's row. Memory then holds one column's page instead of a page of every
     * column, which is what makes a table of a thousand columns fit in a small heap.
     *
     * <p>A source that reads by row, and any wrapper that watches rows go by through {@link #next()}, reads
     * nothing here and returns -1: call {@link #next()} instead.</p>
     *
     * @return the number of rows read, or -1 when this source does not read by column (nothing was read)
     * @throws DataException for a malformed value, naming the file, the column and the row
     */
    default long readByColumn(final java.util.function.IntConsumer cell) {
        return -1;
    }

    /**
     * What the reader left out and the user should know, one line each (a Parquet column that cannot be read and
     * was not asked for); empty for most sources.
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }

    @Override
    void close();
}
