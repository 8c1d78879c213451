package io.mlstages.profile;

import io.mlstages.data.Column;
import io.mlstages.data.ColumnConstraints;
import io.mlstages.data.ColumnType;
import io.mlstages.data.Schema;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Constraints suggested from a reference profile ({@code mlstages profile --suggest-constraints}), in the spirit
 * of TFDV's schema inference and Deequ's constraint suggestions: what the reference shows, with headroom where a
 * healthy dataset would vary. Each rule, and how to review the result: {@code docs/data.md}, "Suggested
 * constraints". A suggestion is a starting point for a person to edit and commit, never a verdict.
 */
public final class ConstraintSuggestions {
    /** Up to how many distinct values a categorical column gets an {@code allowed} list. */
    public static final int MAX_ALLOWED = 20;
    /** A column needs at least this many values before uniqueness or an allowed list is suggested. */
    public static final int MIN_VALUES = 20;
    /** An allowed list needs each value seen this many times on average, so that rare values are not missing. */
    public static final int VALUES_PER_CATEGORY = 10;
    /** The observed range is widened by this share of its width at each end. */
    public static final double RANGE_HEADROOM = 0.1;

    private ConstraintSuggestions() {
    }

    /** The profile's columns and types, with the suggested constraints. */
    public static Schema suggest(final Profile profile) {
        List<Column> columns = new ArrayList<>();
        Map<String, ColumnConstraints> constraints = new LinkedHashMap<>();
        for (ColumnProfile column : profile.columns()) {
            columns.add(new Column(column.name(), column.type()));
            constraints.put(column.name(), suggest(column));
        }
        return new Schema(columns, constraints);
    }

    /** The suggested constraints of one column. */
    public static ColumnConstraints suggest(final ColumnProfile column) {
        boolean notNull = column.count() > 0 && column.missing() == 0;
        Double maxMissingRate = column.missing() > 0 ? headroom(column.missingRate()) : null;
        Double min = null;
        Double max = null;
        List<String> allowed = null;
        boolean unique = false;
        long values = column.count() - column.missing();
        if (column.type() == ColumnType.NUMERIC) {
            NumericSummary numbers = java.util.Objects.requireNonNull(column.numeric(), "numeric summary");
            if (numbers.finite() > 0 && numbers.nan() == 0) {
                double width = numbers.max() - numbers.min();
                if (numbers.negativeInfinity() == 0) {
                    double lower = numbers.min() - RANGE_HEADROOM * width;
                    min = round(numbers.min() >= 0 && lower < 0 ? 0 : lower, width, RoundingMode.FLOOR);
                }
                if (numbers.positiveInfinity() == 0) {
                    double upper = numbers.max() + RANGE_HEADROOM * width;
                    max = round(numbers.max() <= 0 && upper > 0 ? 0 : upper, width, RoundingMode.CEILING);
                }
            }
            double[] kept = numbers.values();
            unique = values >= MIN_VALUES && kept != null && numbers.finite() == values && allDistinctIntegers(kept);
        } else {
            CategorySummary categories = java.util.Objects.requireNonNull(column.categories(), "category summary");
            boolean complete = categories.isComplete();
            if (column.type() == ColumnType.CATEGORICAL && complete && values >= MIN_VALUES
                    && categories.distinct() <= MAX_ALLOWED
                    && categories.distinct() * VALUES_PER_CATEGORY <= values) {
                allowed = categories.top().stream().map(CategorySummary.Count::value).sorted().toList();
            }
            unique = column.type() == ColumnType.CATEGORICAL && values >= MIN_VALUES
                    && categories.distinct() == values && categories.distinct() < CategoryAccumulator.DISTINCT_CAP;
        }
        return new ColumnConstraints(min, max, allowed, notNull, maxMissingRate, unique, null, null);
    }

    /** Twice the observed rate, at least one point more, at most 1; rounded up to 4 decimals. */
    static double headroom(final double rate) {
        double wider = Math.min(1, Math.max(2 * rate, rate + 0.01));
        return BigDecimal.valueOf(wider).setScale(4, RoundingMode.CEILING).min(BigDecimal.ONE).doubleValue();
    }

    /** A bound rounded outward to three significant digits of the range's width (the value's own, when 0). */
    static double round(final double value, final double width, final RoundingMode mode) {
        double scale = width > 0 ? width : Math.abs(value);
        if (scale == 0 || !Double.isFinite(scale)) {
            return value;
        }
        BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen((int) Math.floor(Math.log10(scale)) - 2);
        BigDecimal exact = new BigDecimal(value);
        BigDecimal rounded = exact.divide(step, MathContext.DECIMAL128).setScale(0, mode).multiply(step);
        return rounded.doubleValue();
    }

    private static boolean allDistinctIntegers(final double[] sorted) {
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != Math.rint(sorted[i]) || i > 0 && sorted[i] == sorted[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
