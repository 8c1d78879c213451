package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What reading does with a malformed row: stop there ({@link #FAIL}, the default) or drop it, count it and go
 * on ({@link #SKIP}). Only row-local problems are skipped; see docs/data.md for which those are. The command
 * line's {@code --on-bad-rows} and the steps' {@code onBadRows} parameter map onto this.
 */
public enum OnBadRows {
    /** The first malformed row fails the read, naming the file, line and column. */
    FAIL,
    /** Malformed rows are dropped and logged; the read fails only when too large a share of rows is bad. */
    SKIP;

    /** The name as the command line and the steps spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode of that name ({@code fail} or {@code skip}, any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static OnBadRows parse(@CheckForNull final String value) {
        for (OnBadRows mode : values()) {
            if (mode.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a bad-row mode: expected one of "
                + Arrays.stream(values()).map(OnBadRows::label).collect(Collectors.joining(", ")));
    }
}
