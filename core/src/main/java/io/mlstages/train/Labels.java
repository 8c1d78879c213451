package io.mlstages.train;

import io.mlstages.data.RowSource;

/** How cells become category and class labels, the same way in training and scoring. */
final class Labels {
    private Labels() {
    }

    /** A label for a non-missing cell: booleans as {@code true}/{@code false}, numbers as {@link #ofNumber}. */
    static String of(final RowSource source, final int column) {
        return switch (source.schema().column(column).type()) {
            case BOOLEAN -> source.bool(column) ? "true" : "false";
            case NUMERIC -> ofNumber(source.number(column));
            case CATEGORICAL -> source.text(column);
        };
    }

    /** Whole numbers without a fraction ({@code 1}, not {@code 1.0}), so that 1 and 1.0 in two files agree. */
    static String ofNumber(final double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A label for a value given in a map (for scoring single rows). */
    static String ofObject(final Object value) {
        if (value instanceof Double || value instanceof Float) {
            return ofNumber(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }
}
