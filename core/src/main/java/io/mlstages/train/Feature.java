package io.mlstages.train;

import io.mlstages.data.ColumnType;

import java.util.List;
import java.util.Objects;

/**
 * One input column of a model and how it is encoded.
 *
 * @param name       the column name
 * @param type       its type in the training data
 * @param categories for categorical and boolean columns, the categories in encoding order: each becomes one 0/1
 *                   input; a value outside the list is "unseen" and encodes as all zeros. Empty for numeric
 *                   columns
 * @param mean       for numeric columns, the training mean: linear models centre on it and impute it for a
 *                   missing value; NaN for other columns
 * @param std        for numeric columns, the training standard deviation (1 when constant): linear models scale
 *                   by it; NaN for other columns
 */
public record Feature(String name, ColumnType type, List<String> categories, double mean, double std) {
    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of feature " + name);
        categories = List.copyOf(categories);
        if (type == ColumnType.NUMERIC && !categories.isEmpty()) {
            throw new IllegalArgumentException("Numeric feature '" + name + "' cannot have categories");
        }
        if (type != ColumnType.NUMERIC && categories.isEmpty()) {
            throw new IllegalArgumentException("Feature '" + name + "' of type " + type.label()
                    + " needs at least one category");
        }
    }

    /** The number of model inputs this feature encodes to: 1 for a number, one per category otherwise. */
    public int width() {
        return type == ColumnType.NUMERIC ? 1 : categories.size();
    }
}
