package io.mlstages.data;

import io.mlstages.Texts;

import java.util.Locale;

/** The kind of values a column holds, which decides how it is profiled and which drift statistics apply. */
public enum ColumnType {
    /** Real numbers; NaN and infinities are kept apart from the finite values. */
    NUMERIC,
    /** Labels from a finite set, compared by their frequencies. */
    CATEGORICAL,
    /** Two labels, true and false. */
    BOOLEAN;

    /** The lower-case name used in options, schema files and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a type name as users write it ({@code numeric}, {@code categorical}, {@code boolean}, and the
     * short forms {@code num}, {@code cat}, {@code bool}).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static ColumnType parse(final String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "numeric": case "num": case "number": case "double": case "float": case "int": case "integer":
                return NUMERIC;
            case "categorical": case "cat": case "category": case "string": case "text":
                return CATEGORICAL;
            case "boolean": case "bool":
                return BOOLEAN;
            default:
                throw new IllegalArgumentException("Unknown column type " + Texts.quote(text)
                        + ": expected numeric, categorical or boolean");
        }
    }
}
