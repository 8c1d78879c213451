package io.mlstages.data;

import io.mlstages.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered columns of a dataset. Column names are unique.
 *
 * @param columns     the columns in order
 * @param constraints what a schema file says the values of some columns must be, by column name (empty: no
 *                    checks; see {@link ConstraintChecker})
 */
public record Schema(List<Column> columns, Map<String, ColumnConstraints> constraints) {
    public Schema {
        columns = List.copyOf(columns);
        // kept in column order, without the empty ones, so that equal files give equal schemas
        Map<String, ColumnConstraints> given = constraints == null ? Map.of() : constraints;
        Map<String, ColumnConstraints> ordered = new java.util.LinkedHashMap<>();
        for (Column column : columns) {
            ColumnConstraints found = given.get(column.name());
            if (found != null && !found.isEmpty()) {
                ordered.put(column.name(), found);
            }
        }
        for (String name : given.keySet()) {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException("Constraints name a column the schema does not have: "
                        + Texts.quote(name));
            }
        }
        constraints = java.util.Collections.unmodifiableMap(ordered);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Integer before = seen.put(columns.get(i).name(), i);
            if (before != null) {
                throw new IllegalArgumentException("Duplicate column name " + Texts.quote(columns.get(i).name())
                        + " at positions " + (before + 1) + " and " + (i + 1));
            }
        }
    }

    /** A schema without constraints. */
    public Schema(final List<Column> columns) {
        this(columns, Map.of());
    }

    /** The constraints of a column; {@link ColumnConstraints#none()} when it has none. */
    public ColumnConstraints constraintsOf(final String name) {
        return constraints.getOrDefault(name, ColumnConstraints.none());
    }

    /** Whether any column has a constraint. */
    public boolean hasConstraints() {
        return !constraints.isEmpty();
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
