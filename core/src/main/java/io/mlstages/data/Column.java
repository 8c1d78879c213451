package io.mlstages.data;

import java.util.Objects;

/** A named column and its type. */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of column " + name);
    }
}
