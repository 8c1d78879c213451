package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Arrays;
import java.util.List;

/**
 * The raw cells of one row at a time, as ranges of a shared char buffer, before any typing. A cell whose
 * {@code starts} entry is negative is absent (a JSON Lines key the row lacks), which reads as missing.
 */
abstract class RowCursor implements AutoCloseable {
    /** The text of the current row's cells. */
    char[] chars = new char[1024];
    /** Per column, where the cell starts in {@link #chars}, or -1 when absent. */
    int[] starts = new int[16];
    /** Per column, where the cell ends (exclusive). */
    int[] ends = new int[16];
    /** The 1-based line where the current row starts. */
    long line;
    /**
     * Per column, whether the cursor already parsed the current row's cell as a number (into {@link #values}),
     * or null when it parses none; see {@link #parseNumbers}.
     */
    @CheckForNull boolean[] parsed;
    /** Per column, the number parsed by the cursor where {@link #parsed} says so. */
    @CheckForNull double[] values;

    /**
     * Asks the cursor to parse the cells of these columns as numbers while it splits rows, where it can do so
     * cheaply and exactly as {@link NumberParser} would; it marks those cells in {@link #parsed}. The cells'
     * text is still there. Cursors that cannot leave {@link #parsed} null.
     */
    void parseNumbers(final boolean[] numeric) {
        // only the byte-level CSV cursor does
    }

    /**
     * Makes {@link #chars} hold the text of every cell of the current row: a cursor may leave out the chars of
     * cells it parsed (see {@link #parsed}) until they are asked for.
     */
    void fillChars() {
        // the chars are always there unless a cursor says otherwise
    }

    /**
     * Reads the next row; its cells are then in {@link #starts}/{@link #ends} for every column of
     * {@link #columns()}.
     *
     * @return false at the end of the file
     * @throws DataException when the row is malformed
     */
    abstract boolean advance();

    /**
     * Asks for skip mode ({@link OnBadRows#SKIP}): a cursor may then read in a way that can resume after a bad
     * row, even if that costs a little speed.
     */
    void lenient() {
        // most cursors read the same way in both modes
    }

    /**
     * After {@link #advance()} threw, moves to the start of the next row so that reading can go on without the
     * bad one.
     *
     * @return false when the problem is not confined to the row (the reader cannot find where the next row
     *         starts, or the file itself cannot be read): the error stands
     */
    boolean skipRow() {
        return false;
    }

    /** The column names known so far (for CSV the header; for JSON Lines the keys seen so far). */
    abstract List<String> columns();

    /**
     * Stops accepting new columns: from now on a JSON Lines key that is not among {@link #columns()} is an
     * error, explained by {@code reason}.
     */
    void freeze(final String reason) {
        // CSV columns are fixed by the header
    }

    abstract TextInput input();

    /** Appends text for a cell, growing the buffer as needed, and returns where it starts. */
    final int append(final int used, final char[] source, final int offset, final int length) {
        if (used + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
        }
        System.arraycopy(source, offset, chars, used, length);
        return used;
    }

    /** Makes room for {@code count} columns. */
    final void ensureColumns(final int count) {
        if (count > starts.length) {
            int size = Math.max(count, starts.length * 2);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
        }
    }

    @Override
    public void close() {
        input().close();
    }
}
