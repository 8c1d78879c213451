package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;

import java.nio.file.Path;

/**
 * Types the raw cells of rows: decides which cells are missing and parses numeric and boolean cells, failing on
 * the first cell that does not fit its column. One per thread (it holds a {@link NumberParser}).
 */
final class RowTyper {
    static final String BOOLEAN_WORDS = "a boolean (true/false, yes/no, y/n, t/f or 1/0)";

    private final Path file;
    private final Schema schema;
    /** Per column, why it has its type, for error messages. */
    private final String[] origins;
    private final MissingTokens tokens;
    private final ColumnType[] types;
    /** Per column: 0 categorical, 1 numeric, 2 boolean (an int array is cheaper to switch on than an enum). */
    private final byte[] kinds;
    private final int width;
    private final NumberParser parser = new NumberParser();

    RowTyper(final Path file, final Schema schema, final String[] origins, final MissingTokens tokens) {
        this.file = file;
        this.schema = schema;
        this.origins = origins;
        this.tokens = tokens;
        this.width = schema.size();
        this.types = new ColumnType[width];
        this.kinds = new byte[width];
        for (int i = 0; i < width; i++) {
            types[i] = schema.column(i).type();
            kinds[i] = (byte) (types[i] == ColumnType.NUMERIC ? 1 : types[i] == ColumnType.BOOLEAN ? 2 : 0);
        }
    }

    /** A typer for another thread. */
    RowTyper copy() {
        return new RowTyper(file, schema, origins, tokens);
    }

    ColumnType type(final int column) {
        return types[column];
    }

    /**
     * Types one row whose cells are {@code starts/ends[from, from + width)} in {@code chars}, writing flags and
     * values to {@code [to, to + width)} of the output arrays.
     *
     * @throws DataException for a cell that does not fit its column
     */
    void type(final char[] chars, final int[] starts, final int[] ends, final int from, final boolean[] missing,
            final double[] numbers, final boolean[] bools, final int to, final long line) {
        type(chars, starts, ends, from, missing, numbers, bools, to, line, null, null);
    }

    /**
     * As {@link #type(char[], int[], int[], int, boolean[], double[], boolean[], int, long)}, taking the numbers
     * that the cursor already parsed: where {@code parsed[from + i]} is true the cell is the number
     * {@code values[from + i]} (the cursor only parses cells that cannot be missing-value tokens).
     */
    void type(final char[] chars, final int[] starts, final int[] ends, final int from, final boolean[] missing,
            final double[] numbers, final boolean[] bools, final int to, final long line, @CheckForNull final boolean[] parsed,
            @CheckForNull final double[] values) {
        for (int i = 0; i < width; i++) {
            if (parsed != null && parsed[from + i]) {
                missing[to + i] = false;
                numbers[to + i] = values[from + i];
                continue;
            }
            int start = starts[from + i];
            if (start < 0) {
                missing[to + i] = true;
                continue;
            }
            int end = ends[from + i];
            if (start < end && (blank(chars[start]) || blank(chars[end - 1]))) {
                while (start < end && blank(chars[start])) {
                    start++;
                }
                while (end > start && blank(chars[end - 1])) {
                    end--;
                }
            }
            if (tokens.matches(chars, start, end)) {
                missing[to + i] = true;
                continue;
            }
            missing[to + i] = false;
            byte kind = kinds[i];
            if (kind == 1) {
                numbers[to + i] = parser.parse(chars, start, end);
                if (!parser.valid()) {
                    throw badValue(line, i, chars, start, end, "a number");
                }
            } else if (kind == 2) {
                int value = TabularSource.Guess.bool(chars, start, end);
                if (value < 0) {
                    throw badValue(line, i, chars, start, end, BOOLEAN_WORDS);
                }
                bools[to + i] = value == 1;
            }
        }
    }

    /** A cell of any column read as a number, for {@link RowSource#number} on a non-numeric column. */
    double number(final char[] chars, final int from, final int to, final long line, final int column) {
        int start = from;
        int end = to;
        while (start < end && blank(chars[start])) {
            start++;
        }
        while (end > start && blank(chars[end - 1])) {
            end--;
        }
        double value = parser.parse(chars, start, end);
        if (!parser.valid()) {
            throw badValue(line, column, chars, start, end, "a number");
        }
        return value;
    }

    /** A cell of any column read as a boolean, for {@link RowSource#bool} on a non-boolean column. */
    boolean bool(final char[] chars, final int from, final int to, final long line, final int column) {
        int start = from;
        int end = to;
        while (start < end && blank(chars[start])) {
            start++;
        }
        while (end > start && blank(chars[end - 1])) {
            end--;
        }
        int value = TabularSource.Guess.bool(chars, start, end);
        if (value < 0) {
            throw badValue(line, column, chars, start, end, BOOLEAN_WORDS);
        }
        return value == 1;
    }

    /** The error for a cell that does not fit its column's type, with the fix that suits how the type was set. */
    DataException badValue(final long line, final int column, final char[] chars, final int start, final int end,
            final String expected) {
        String name = schema.column(column).name();
        String origin = origins[column];
        String value = Texts.quote(chars, start, end);
        String shownName = Texts.shortened(name, Texts.QUOTED_CHARS);
        String fix;
        if (origin.startsWith("inferred") && !origin.endsWith("whole file")) {
            fix = "declare the column categorical with --type " + shownName + "=categorical, or infer from the whole "
                    + "file with --infer-rows 0";
        } else if (origin.contains("schema")) {
            fix = "correct the value, add it to the missing-value tokens with --missing, or declare the column "
                    + "categorical in the schema";
        } else {
            fix = "correct the value, add it to the missing-value tokens with --missing, or declare the column "
                    + "categorical with --type " + shownName + "=categorical";
        }
        return new DataException(file, line, name, value + " is not " + expected + ", but the column was "
                + origin + "; " + fix);
    }

    static boolean blank(final char c) {
        return c == ' ' || c == '\t';
    }
}
