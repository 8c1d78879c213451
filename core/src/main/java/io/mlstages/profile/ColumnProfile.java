package io.mlstages.profile;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ColumnType;

import java.util.Objects;

/**
 * The profile of one column.
 *
 * @param name       the column name
 * @param type       its type
 * @param count      how many rows the dataset had (missing cells included)
 * @param missing    how many cells were missing
 * @param numeric    the numeric summary (numeric columns), else null
 * @param categories the category counts (categorical and boolean columns), else null
 */
public record ColumnProfile(String name, ColumnType type, long count, long missing, @CheckForNull NumericSummary numeric,
        @CheckForNull CategorySummary categories) {

    public ColumnProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of column " + name);
        if (count < 0 || missing < 0 || missing > count) {
            throw new IllegalArgumentException("Column '" + name + "' has " + missing + " missing cells of "
                    + count);
        }
        if (type == ColumnType.NUMERIC ? numeric == null || categories != null
                : numeric != null || categories == null) {
            throw new IllegalArgumentException("Column '" + name + "' is " + type.label() + " and needs "
                    + (type == ColumnType.NUMERIC ? "a numeric summary" : "category counts") + " alone");
        }
    }

    /** The share of missing cells, 0 for an empty dataset. */
    public double missingRate() {
        return count == 0 ? 0 : (double) missing / count;
    }
}
