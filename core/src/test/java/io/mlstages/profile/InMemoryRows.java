package io.mlstages.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.mlstages.data.DataException;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;

/** A {@link RowSource} over rows of cell texts held in memory, for tests that must not depend on a reader. */
final class InMemoryRows implements RowSource {
    private final Schema schema;
    private final List<String[]> rows;
    private final Set<String> missing;
    private int current = -1;

    InMemoryRows(final Schema schema, final List<String[]> rows) {
        this(schema, rows, Set.of("", "NA"));
    }

    InMemoryRows(final Schema schema, final List<String[]> rows, final Set<String> missing) {
        this.schema = schema;
        this.rows = rows;
        this.missing = missing;
    }

    @Override
    public Path file() {
        return null;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public boolean next() {
        current++;
        return current < rows.size();
    }

    @Override
    public long line() {
        return current + 2L; // after a header line
    }

    @Override
    public boolean isMissing(final int column) {
        String cell = rows.get(current)[column];
        return cell == null || missing.contains(cell.trim());
    }

    @Override
    public double number(final int column) {
        String cell = text(column);
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataException(null, line(), schema.column(column).name(), "'" + cell + "' is not a number");
        }
    }

    @Override
    public boolean bool(final int column) {
        return Boolean.parseBoolean(text(column).trim());
    }

    @Override
    public String text(final int column) {
        return rows.get(current)[column];
    }

    @Override
    public long position() {
        return current;
    }

    @Override
    public long size() {
        return -1;
    }

    @Override
    public void close() {
    }
}
