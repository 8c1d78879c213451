package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link DriftDetector} decides. Every field has a default ({@link #defaults()}); the {@code with...}
 * methods return changed copies.
 *
 * @param alpha            the significance level a column's p-value must fall below (default 0.05)
 * @param driftShare       the share of drifted feature columns at which the dataset counts as drifted
 *                         (default 0.5)
 * @param target           the target column, reported apart and not counted toward dataset drift; or null
 * @param prediction       the prediction column, likewise; or null
 * @param columns          the columns to compare (target and prediction are added); empty means all
 * @param perColumn        per-column overrides of method, threshold and alpha, by column name
 * @param missingRateFloor the absolute change in a column's missing rate, or in a numeric column's share of
 *                         non-finite values (NaN, +Infinity, -Infinity), that, when also significant, makes the
 *                         column drift (default 0.1); see {@code missingRateDrift}
 * @param missingRateDrift whether a missing-rate or non-finite-share change can make a column drift (default true)
 * @param poolRareLevels   whether categorical levels too rare to test (expected count below 5 in either
 *                         sample) are pooled into one "other" level (default true)
 * @param falseAlarms      false discovery rate control, the cadence and an alarm budget (default none)
 * @param segments         the check per segment ({@code --segment}), none by default
 */
public record DriftOptions(double alpha, double driftShare, @CheckForNull String target, @CheckForNull String prediction,
        List<String> columns, Map<String, ColumnOptions> perColumn, double missingRateFloor,
        boolean missingRateDrift, boolean poolRareLevels, FalseAlarmOptions falseAlarms,
        SegmentOptions segments) {

    /** The default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** The default share of drifted features that makes the dataset drift. */
    public static final double DEFAULT_DRIFT_SHARE = 0.5;
    /** The default missing-rate change (absolute) that counts as drift when significant. */
    public static final double DEFAULT_MISSING_RATE_FLOOR = 0.1;

    public DriftOptions {
        requireProbability("alpha", alpha);
        if (!(driftShare > 0 && driftShare <= 1)) {
            throw new IllegalArgumentException("driftShare must be in (0, 1], not " + driftShare);
        }
        if (!(missingRateFloor >= 0 && missingRateFloor <= 1)) {
            throw new IllegalArgumentException("missingRateFloor must be in [0, 1], not " + missingRateFloor);
        }
        target = blankToNull(target);
        prediction = blankToNull(prediction);
        if (target != null && target.equals(prediction)) {
            throw new IllegalArgumentException("The target and the prediction are the same column '" + target + "'");
        }
        columns = columns == null ? List.of() : List.copyOf(columns);
        for (String column : columns) {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("The columns filter holds a blank name: " + columns);
            }
        }
        Map<String, ColumnOptions> copy = new LinkedHashMap<>();
        if (perColumn != null) {
            perColumn.forEach((name, settings) -> {
                if (name == null || name.isBlank() || settings == null) {
                    throw new IllegalArgumentException("Per-column options need a column name and settings, not "
                            + name + " = " + settings);
                }
                copy.put(name, settings);
            });
        }
        perColumn = Collections.unmodifiableMap(copy);
        falseAlarms = falseAlarms == null ? FalseAlarmOptions.NONE : falseAlarms;
        segments = segments == null ? SegmentOptions.none() : segments;
        if (falseAlarms.fdr() != null) {
            // under FDR control a column's level comes from the whole family; a fixed one would leave it out silently
            List<String> fixed = copy.entrySet().stream().filter(e -> e.getValue().alpha() != null)
                    .map(Map.Entry::getKey).toList();
            if (!fixed.isEmpty()) {
                throw new IllegalArgumentException("A per-column alpha (" + fixed + ") and the false discovery rate "
                        + "(fdr " + falseAlarms.fdr() + ") exclude each other: under fdr every column's level comes "
                        + "from the Benjamini-Hochberg rule");
            }
        }
    }

    /** Options without false-alarm settings (as before they existed). */
    public DriftOptions(final double alpha, final double driftShare, @CheckForNull final String target,
            @CheckForNull final String prediction,
            final List<String> columns, final Map<String, ColumnOptions> perColumn, final double missingRateFloor,
            final boolean missingRateDrift, final boolean poolRareLevels) {
        this(alpha, driftShare, target, prediction, columns, perColumn, missingRateFloor, missingRateDrift,
                poolRareLevels, FalseAlarmOptions.NONE, SegmentOptions.none());
    }

    /** A copy with other false-alarm settings (FDR control, cadence, budget). */
    public DriftOptions withFalseAlarms(final FalseAlarmOptions value) {
        return new DriftOptions(alpha, driftShare, target, prediction, columns, perColumn, missingRateFloor,
                missingRateDrift, poolRareLevels, value, segments);
    }

    /** A copy that also checks per segment (see {@link SegmentOptions}). */
    public DriftOptions withSegments(final SegmentOptions value) {
        return new DriftOptions(alpha, driftShare, target, prediction, columns, perColumn, missingRateFloor,
                missingRateDrift, poolRareLevels, falseAlarms, value);
    }

    /** The defaults: alpha 0.05, dataset drift at half the features, missing-rate floor 0.1, pooling on. */
    public static DriftOptions defaults() {
        return new DriftOptions(DEFAULT_ALPHA, DEFAULT_DRIFT_SHARE, null, null, List.of(), Map.of(),
                DEFAULT_MISSING_RATE_FLOOR, true, true);
    }

    /** A copy with another significance level. */
    public DriftOptions withAlpha(final double value) {
        return new DriftOptions(value, driftShare, target, prediction, columns, perColumn, missingRateFloor,
                missingRateDrift, poolRareLevels, falseAlarms, segments);
    }

    /** A copy with another dataset drift share. */
    public DriftOptions withDriftShare(final double value) {
        return new DriftOptions(alpha, value, target, prediction, columns, perColumn, missingRateFloor,
                missingRateDrift, poolRareLevels, falseAlarms, segments);
    }

    /** A copy naming the target column (null for none). */
    public DriftOptions withTarget(@CheckForNull final String column) {
        return new DriftOptions(alpha, driftShare, column, prediction, columns, perColumn, missingRateFloor,
                missingRateDrift, poolRareLevels, falseAlarms, segments);
    }

    /** A copy naming the prediction column (null for none). */
    public DriftOptions withPrediction(@CheckForNull final String column) {
        return new DriftOptions(alpha, driftShare, target, column, columns, perColumn, missingRateFloor,
                missingRateDrift, poolRareLevels, falseAlarms, segments);
    }

    /** A copy that compares only these columns (and the target and prediction); empty for all. */
    public DriftOptions withColumns(final List<String> names) {
        return new DriftOptions(alpha, driftShare, target, prediction, names, perColumn, missingRateFloor,
                missingRateDrift, poolRareLevels, falseAlarms, segments);
    }

    /** A copy with settings for one column (replacing earlier ones for it). */
    public DriftOptions withColumn(final String name, final ColumnOptions settings) {
        Map<String, ColumnOptions> copy = new LinkedHashMap<>(perColumn);
        copy.put(Objects.requireNonNull(name, "column name"), settings);
        return new DriftOptions(alpha, driftShare, target, prediction, columns, copy, missingRateFloor,
                missingRateDrift, poolRareLevels, falseAlarms, segments);
    }

    /** A copy with another missing-rate floor. */
    public DriftOptions withMissingRateFloor(final double value) {
        return new DriftOptions(alpha, driftShare, target, prediction, columns, perColumn, value,
                missingRateDrift, poolRareLevels, falseAlarms, segments);
    }

    /** A copy where a missing-rate change can (true) or cannot (false) make a column drift. */
    public DriftOptions withMissingRateDrift(final boolean enabled) {
        return new DriftOptions(alpha, driftShare, target, prediction, columns, perColumn, missingRateFloor,
                enabled, poolRareLevels, falseAlarms, segments);
    }

    /** A copy with rare-level pooling on or off. */
    public DriftOptions withPoolRareLevels(final boolean enabled) {
        return new DriftOptions(alpha, driftShare, target, prediction, columns, perColumn, missingRateFloor,
                missingRateDrift, enabled, falseAlarms, segments);
    }

    /** The settings of a column: its overrides, or none. */
    public ColumnOptions column(final String name) {
        return perColumn.getOrDefault(name, ColumnOptions.DEFAULT);
    }

    @CheckForNull
    private static String blankToNull(@CheckForNull final String name) {
        return name == null || name.isBlank() ? null : name;
    }

    static void requireProbability(final String name, final double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1 (exclusive), not " + value);
        }
    }

    /**
     * Overrides for one column; each null field keeps the default.
     *
     * @param method    the statistic (its type must suit the column), or null for the default by type and size
     * @param threshold the effect-size floor of the score, or null for the method's default
     * @param alpha     the significance level, or null for the options' alpha
     */
    public record ColumnOptions(@CheckForNull DriftMethod method, @CheckForNull Double threshold, @CheckForNull Double alpha) {
        /** No override. */
        public static final ColumnOptions DEFAULT = new ColumnOptions(null, null, null);

        public ColumnOptions {
            if (threshold != null && !(threshold >= 0 && Double.isFinite(threshold))) {
                throw new IllegalArgumentException("A drift threshold must be finite and not negative, not "
                        + threshold);
            }
            if (alpha != null) {
                requireProbability("alpha", alpha);
            }
        }

        /** Only a method. */
        public static ColumnOptions method(final DriftMethod method) {
            return new ColumnOptions(method, null, null);
        }

        /** Only a threshold. */
        public static ColumnOptions threshold(final double threshold) {
            return new ColumnOptions(null, threshold, null);
        }
    }
}
