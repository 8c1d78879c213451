package io.mlstages.data;

import java.util.Arrays;

/**
 * The rows read to infer the schema, kept compactly (one char array, cell offsets in int arrays) so that they can
 * be replayed before streaming on. Its size is bounded by the inference row count and by {@link #MAX_CHARS} and
 * {@link #MAX_CELLS}, never by the file.
 */
final class Prefix {
    /**
     * Whatever the row count asked for, buffering stops at this much text or this many cells (about 32 MB each),
     * so that very wide rows cannot exhaust a small heap during inference.
     */
    static final int MAX_CHARS = 16 * 1024 * 1024;
    static final int MAX_CELLS = 4 * 1024 * 1024;

    private char[] chars = new char[8192];
    private int used;
    private int[] starts = new int[1024];
    private int[] ends = new int[1024];
    private int cells;
    private int[] firstCell = new int[256];
    private int[] widths = new int[256];
    private long[] lines = new long[256];
    private int rows;

    int rows() {
        return rows;
    }

    /** Whether the prefix has reached its memory bound. */
    boolean full() {
        return used >= MAX_CHARS || cells >= MAX_CELLS;
    }

    /** Copies the cursor's current row, which has {@code width} columns. */
    void add(final RowCursor cursor, final int width) {
        if (rows == widths.length) {
            firstCell = Arrays.copyOf(firstCell, rows * 2);
            widths = Arrays.copyOf(widths, rows * 2);
            lines = Arrays.copyOf(lines, rows * 2);
        }
        if (cells + width > starts.length) {
            int size = Math.max(starts.length * 2, cells + width);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
        }
        firstCell[rows] = cells;
        widths[rows] = width;
        lines[rows] = cursor.line;
        for (int i = 0; i < width; i++) {
            int start = cursor.starts[i];
            if (start < 0) {
                starts[cells] = -1;
                ends[cells] = -1;
            } else {
                int length = cursor.ends[i] - start;
                if (used + length > chars.length) {
                    chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
                }
                System.arraycopy(cursor.chars, start, chars, used, length);
                starts[cells] = used;
                used += length;
                ends[cells] = used;
            }
            cells++;
        }
        rows++;
    }

    /** The chars that {@link #load} offsets point into. */
    char[] chars() {
        return chars;
    }

    /**
     * Writes row {@code row}'s cell offsets into the arrays (columns it lacked become absent) and returns its line.
     */
    long load(final int row, final int[] rowStarts, final int[] rowEnds, final int columns) {
        int first = firstCell[row];
        int width = widths[row];
        for (int i = 0; i < columns; i++) {
            if (i < width) {
                rowStarts[i] = starts[first + i];
                rowEnds[i] = ends[first + i];
            } else {
                rowStarts[i] = -1;
                rowEnds[i] = -1;
            }
        }
        return lines[row];
    }
}
