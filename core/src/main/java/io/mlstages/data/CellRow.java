package io.mlstages.data;

import io.mlstages.Texts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row at a time, handed in by a caller that reads the data itself (a Spark partition), as a {@link RowSource}
 * that a {@link io.mlstages.profile.Profiler} can take. A row comes in either as text cells, which are typed
 * exactly as the CSV reader types a file's cells (missing-value tokens, numbers, booleans, with the same
 * messages), or as values the caller typed already (a Parquet column's numbers), one {@code put} per cell.
 *
 * <p>{@link #infer} decides the types of text columns from leading rows as the reader does from a file's first
 * rows, so that the same data gets the same schema whichever reads it.</p>
 *
 * <p>Not thread-safe: one per partition.</p>
 */
public final class CellRow implements RowSource {
    private static final String[] NONE = new String[0];

    private final Path file;
    private final Schema schema;
    private final RowTyper typer;
    private final int width;
    private final boolean[] missing;
    private final double[] numbers;
    private final boolean[] bools;
    private final String[] texts;
    private final int[] starts;
    private final int[] ends;
    private char[] chars = new char[256];
    private long line;

    /**
     * A row of this schema.
     *
     * @param origin  what the rows are, for messages (a path or a table name)
     * @param origins per column, why it has its type (as {@code "inferred numeric from the first 10000 rows"}),
     *                for the message when a cell does not fit; {@link #origins} gives those of {@link #infer}
     * @param options the missing-value tokens
     */
    public CellRow(final String origin, final Schema schema, final List<String> origins, final ReadOptions options) {
        this.file = Path.of(Objects.requireNonNull(origin, "origin"));
        this.schema = Objects.requireNonNull(schema, "schema");
        this.width = schema.size();
        if (origins.size() != width) {
            throw new IllegalArgumentException("Give one origin per column: " + origins.size() + " for " + width);
        }
        this.typer = new RowTyper(file, schema, origins.toArray(NONE), new MissingTokens(options.missing()));
        this.missing = new boolean[width];
        this.numbers = new double[width];
        this.bools = new boolean[width];
        this.texts = new String[width];
        this.starts = new int[width];
        this.ends = new int[width];
    }

    /**
     * The schema the reader would infer from these leading rows of text cells (null for an absent cell): a column
     * is boolean when every present value is {@code true} or {@code false}, numeric when every one is a number,
     * else categorical (so also when all are missing); {@code options.types()} override.
     *
     * @param origin what the rows are, for messages
     * @throws DataException when there are no rows, or when an override names a column that is not there
     */
    public static Schema infer(final String origin, final List<String> names, final Iterable<String[]> rows,
            final ReadOptions options) {
        Path path = Path.of(origin);
        MissingTokens tokens = new MissingTokens(options.missing());
        NumberParser parser = new NumberParser();
        List<TabularSource.Guess> guesses = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            guesses.add(new TabularSource.Guess());
        }
        char[] chars = new char[0];
        long count = 0;
        for (String[] row : rows) {
            count++;
            for (int i = 0; i < names.size() && i < row.length; i++) {
                TabularSource.Guess guess = guesses.get(i);
                String cell = row[i];
                if (cell == null || guess.settled()) {
                    continue;
                }
                chars = cell.length() > chars.length ? new char[cell.length()] : chars;
                cell.getChars(0, cell.length(), chars, 0);
                int start = 0;
                int end = cell.length();
                while (start < end && RowTyper.blank(chars[start])) {
                    start++;
                }
                while (end > start && RowTyper.blank(chars[end - 1])) {
                    end--;
                }
                if (!tokens.matches(chars, start, end)) {
                    guess.offer(chars, start, end, parser);
                }
            }
        }
        if (count == 0) {
            throw new DataException(path, 0, null, "has no rows: expected at least one data row");
        }
        List<Column> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            columns.add(new Column(names.get(i), guesses.get(i).type()));
        }
        for (Map.Entry<String, ColumnType> entry : options.types().entrySet()) {
            int index = names.indexOf(entry.getKey());
            if (index < 0) {
                throw new DataException(path, 0, entry.getKey(), "--type names a column the data does not have;"
                        + " the columns are " + String.join(", ", names.stream().map(Texts::quote).toList()));
            }
            columns.set(index, new Column(entry.getKey(), entry.getValue()));
        }
        return new Schema(columns);
    }

    /**
     * Why each column of an {@link #infer inferred} schema has its type, for {@link #CellRow}: "declared" for the
     * overridden ones, else "inferred ... from the first {@code rows} rows".
     */
    public static List<String> origins(final Schema schema, final ReadOptions options, final long rows) {
        List<String> origins = new ArrayList<>(schema.size());
        for (Column column : schema.columns()) {
            String label = column.type().label();
            origins.add(options.types().containsKey(column.name())
                    ? "declared " + label + " with --type " + column.name() + "=" + label
                    : "inferred " + label + " from the first " + rows + " rows");
        }
        return origins;
    }

    /**
     * Makes these text cells the current row (null for an absent cell), typed as the reader types a file's cells.
     *
     * @param line the row's number, for messages
     * @throws DataException naming the column and the value when a cell does not fit its column
     */
    public void putCells(final String[] cells, final long line) {
        this.line = line;
        int used = 0;
        for (int i = 0; i < width; i++) {
            String cell = i < cells.length ? cells[i] : null;
            texts[i] = cell;
            if (cell == null) {
                starts[i] = -1;
                ends[i] = -1;
                continue;
            }
            if (used + cell.length() > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(2 * chars.length, used + cell.length()));
            }
            cell.getChars(0, cell.length(), chars, used);
            starts[i] = used;
            used += cell.length();
            ends[i] = used;
        }
        typer.type(chars, starts, ends, 0, missing, numbers, bools, 0, line);
    }

    /** Starts a row of typed values (then one {@code put} per column); every cell is missing until put. */
    public void startRow(final long line) {
        this.line = line;
        Arrays.fill(missing, true);
        Arrays.fill(texts, null);
    }

    /** A numeric cell of the current typed row. */
    public void putNumber(final int column, final double value) {
        missing[column] = false;
        numbers[column] = value;
    }

    /** A boolean cell of the current typed row. */
    public void putBool(final int column, final boolean value) {
        missing[column] = false;
        bools[column] = value;
    }

    /** A categorical cell of the current typed row, as it is (no missing-value tokens apply to typed values). */
    public void putText(final int column, final String value) {
        missing[column] = false;
        texts[column] = Objects.requireNonNull(value, "value");
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /** Always false: the caller hands in the rows. */
    @Override
    public boolean next() {
        return false;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public boolean isMissing(final int column) {
        return missing[column];
    }

    @Override
    public double number(final int column) {
        checkPresent(column);
        if (schema.column(column).type() == ColumnType.NUMERIC) {
            return numbers[column];
        }
        char[] cell = text(column).toCharArray();
        return typer.number(cell, 0, cell.length, line, column);
    }

    @Override
    public boolean bool(final int column) {
        checkPresent(column);
        return bools[column];
    }

    @Override
    public String text(final int column) {
        String text = texts[column];
        return text == null ? "" : text;
    }

    private void checkPresent(final int column) {
        if (missing[column]) {
            throw new IllegalStateException("column '" + schema.column(column).name() + "' is missing in row "
                    + line + ": check isMissing first");
        }
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    public long size() {
        return -1;
    }

    /** Unknown: the caller reads the bytes, so it knows their digest if anyone does. */
    @Override
    public String sha256() {
        throw new UnsupportedOperationException("A row handed in by the caller has no file to digest: " + file);
    }

    @Override
    public void close() {
        // nothing held
    }
}
