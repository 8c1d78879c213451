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
     * What the reader left out and the user should know, one line each (a Parquet column that cannot be read and
     * was not asked for); empty for most sources.
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }

    @Override
    void close();
}
