package io.mlstages.data;

import io.mlstages.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ordered columns of a dataset. Column names are unique. */
public record Schema(List<Column> columns) {
    public Schema {
        columns = List.copyOf(columns);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Integer before = seen.put(columns.get(i).name(), i);
            if (before != null) {
                throw new IllegalArgumentException("Duplicate column name " + Texts.quote(columns.get(i).name())
                        + " at positions " + (before + 1) + " and " + (i + 1));
            }
        }
    }

    /** The number of columns. */
    public int size() {
        return columns.size();
    }

    /** The column at a position (0-based). */
    public Column column(final int index) {
        return columns.get(index);
    }

    /** The position of a column, or -1 when the schema has no column of that name. */
    public int indexOf(final String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The column of that name, if any. */
    public Optional<Column> find(final String name) {
        int index = indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(columns.get(index));
    }

    /** The column names in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column column : columns) {
            names.add(column.name());
        }
        return names;
    }
}
