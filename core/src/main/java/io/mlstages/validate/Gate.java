package io.mlstages.validate;

import io.mlstages.metrics.Metric;

import io.mlstages.drift.DriftOptions;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A condition a model must meet to be blessed. {@link Gates#check} evaluates a list of them into a
 * {@link ValidationReport}.
 *
 * <p>The {@code parse...} factories read the command line's {@code METRIC=VALUE} option values, so that the CLI
 * and the Jenkins step spell gates alike (see {@code docs/validation.md}).</p>
 */
public sealed interface Gate permits Gate.Bound, Gate.Baseline, Gate.SchemaMatch, Gate.MissingRate, Gate.Drift {

    /** The default bound of the share of missing cells of a feature: see {@link MissingRate}. */
    double DEFAULT_MAX_MISSING_RATE = 0.2;

    /** Which end of a range an absolute bound sets. */
    enum Side {
        /** The metric must be at least the bound. */
        MIN,
        /** The metric must be at most the bound. */
        MAX;

        /** The lower-case name used in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a change against the baseline is measured. */
    enum Change {
        /** In the metric's units. */
        ABSOLUTE,
        /** As a fraction of the baseline's value (its magnitude). */
        RELATIVE;

        /** The lower-case name used in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An absolute bound: {@code min accuracy=0.90} passes when accuracy is at least 0.90, {@code max rmse=3.2}
     * when RMSE is at most 3.2. Either side may bound any metric.
     *
     * @param metric the metric
     * @param side   min or max
     * @param value  the bound, a finite number
     */
    record Bound(Metric metric, Side side, double value) implements Gate {
        public Bound {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(side, "side");
            requireFinite(value, side.label() + " " + metric.label());
        }
    }

    /**
     * A comparison with a baseline model scored on the same data. The change is measured in the direction in
     * which the metric is better: {@code candidate - baseline} when greater is better, {@code baseline -
     * candidate} otherwise; for {@link Change#RELATIVE} it is divided by the baseline's magnitude. The gate
     * passes when the change is at least {@code minChange}. A positive {@code minChange} demands an improvement;
     * zero, no regression; a negative one tolerates a regression of at most its magnitude.
     *
     * @param metric    the metric
     * @param change    absolute or relative
     * @param minChange the least change in the better direction, a finite number
     */
    record Baseline(Metric metric, Change change, double minChange) implements Gate {
        public Baseline {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(change, "change");
            requireFinite(minChange, "the change of " + metric.label());
        }
    }

    /**
     * The evaluation data has every feature the model was trained on, each of the training type. Extra columns
     * are fine (a model ignores them). A categorical feature accepts a column whose values look numeric: the
     * numbers are read as category labels.
     */
    record SchemaMatch() implements Gate {
    }

    /**
     * No feature is missing in more than {@code max} of the evaluation rows. A feature that was already missing
     * more often in training is allowed its training rate plus the drift check's missing-rate floor (0.1): the
     * model learnt with those gaps, and only a rise beyond them is news.
     *
     * @param max the share of missing cells allowed, in [0, 1]
     */
    record MissingRate(double max) implements Gate {
        public MissingRate {
            if (!(max >= 0 && max <= 1)) {
                throw new IllegalArgumentException("A maximum missing rate must be in [0, 1], not " + max);
            }
        }
    }

    /**
     * The evaluation data has not drifted from the training data: {@link io.mlstages.drift.DriftDetector} finds no
     * dataset drift between the model's stored training profile and a profile of the evaluation data, over the
     * features both share with the same type.
     *
     * @param options the drift options (their column filter, when set, narrows the features compared)
     */
    record Drift(DriftOptions options) implements Gate {
        public Drift {
            Objects.requireNonNull(options, "options");
        }
    }

    /** The data gates with their defaults: schema match, missing rate at most 0.2, no dataset drift. */
    static List<Gate> dataDefaults() {
        return List.of(new SchemaMatch(), new MissingRate(DEFAULT_MAX_MISSING_RATE), new Drift(DriftOptions.defaults()));
    }

    /** {@code --min METRIC=VALUE}: the metric must be at least the value. */
    static Bound parseMin(final String option) {
        GateOption spec = GateOption.parse("--min", option);
        return new Bound(spec.metric, Side.MIN, spec.value);
    }

    /** {@code --max METRIC=VALUE}: the metric must be at most the value. */
    static Bound parseMax(final String option) {
        GateOption spec = GateOption.parse("--max", option);
        return new Bound(spec.metric, Side.MAX, spec.value);
    }

    /** {@code --min-improvement METRIC=DELTA}: better than the baseline by at least DELTA (absolute). */
    static Baseline parseMinImprovement(final String option) {
        GateOption spec = GateOption.parse("--min-improvement", option);
        return new Baseline(spec.metric, Change.ABSOLUTE, spec.nonNegative("--min-improvement"));
    }

    /** {@code --max-regression METRIC=DELTA}: not worse than the baseline by more than DELTA (absolute). */
    static Baseline parseMaxRegression(final String option) {
        GateOption spec = GateOption.parse("--max-regression", option);
        return new Baseline(spec.metric, Change.ABSOLUTE, -spec.nonNegative("--max-regression"));
    }

    /** {@code --min-relative-improvement METRIC=FRACTION}: better by at least FRACTION of the baseline. */
    static Baseline parseMinRelativeImprovement(final String option) {
        GateOption spec = GateOption.parse("--min-relative-improvement", option);
        return new Baseline(spec.metric, Change.RELATIVE, spec.nonNegative("--min-relative-improvement"));
    }

    /** {@code --max-relative-regression METRIC=FRACTION}: not worse by more than FRACTION of the baseline. */
    static Baseline parseMaxRelativeRegression(final String option) {
        GateOption spec = GateOption.parse("--max-relative-regression", option);
        return new Baseline(spec.metric, Change.RELATIVE, -spec.nonNegative("--max-relative-regression"));
    }

    /** {@code --max-missing-rate RATE}: a feature may be missing in at most RATE of the rows. */
    static MissingRate parseMaxMissingRate(final String option) {
        double value = GateOption.number("--max-missing-rate", option, option);
        if (!(value >= 0 && value <= 1)) {
            throw new ValidationException("--max-missing-rate " + option + ": expected a share between 0 and 1");
        }
        return new MissingRate(value);
    }

    private static void requireFinite(final double value, final String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("The bound of " + what + " must be a finite number, not " + value);
        }
    }
}
