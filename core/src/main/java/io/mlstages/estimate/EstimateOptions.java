package io.mlstages.estimate;

import io.mlstages.metrics.Metric;
import io.mlstages.validate.GateOption;

import java.util.List;
import java.util.Objects;

/**
 * How a performance estimate is made and judged.
 *
 * @param level     the band's coverage, in (0, 1) (default 0.95)
 * @param resamples the bootstrap rounds behind the band, at least 20 (default 200: the 2.5th and 97.5th
 *                  percentiles then rest on 5 rounds each side, and a round costs one calibration and one scoring
 *                  of simulated labels, milliseconds for ten thousand rows)
 * @param seed      the bootstrap's seed, so that a check is repeatable
 * @param bounds    lower bounds on estimated metrics; an estimate below one is a breach
 */
public record EstimateOptions(double level, int resamples, long seed, List<Bound> bounds) {
    /** The default level. */
    public static final double DEFAULT_LEVEL = 0.95;
    /** The default number of bootstrap rounds. */
    public static final int DEFAULT_RESAMPLES = 200;
    /** The default seed. */
    public static final long DEFAULT_SEED = 42;

    public EstimateOptions {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("The band's level must be between 0 and 1, not " + level);
        }
        if (resamples < 20) {
            throw new IllegalArgumentException("The band needs at least 20 bootstrap rounds, not " + resamples);
        }
        bounds = List.copyOf(bounds);
    }

    /** The defaults, without bounds. */
    public static EstimateOptions defaults() {
        return new EstimateOptions(DEFAULT_LEVEL, DEFAULT_RESAMPLES, DEFAULT_SEED, List.of());
    }

    /** These options with bounds. */
    public EstimateOptions withBounds(final List<Bound> value) {
        return new EstimateOptions(level, resamples, seed, value);
    }

    /**
     * A lower bound on an estimated metric.
     *
     * @param metric the metric
     * @param value  the least acceptable estimate
     */
    public record Bound(Metric metric, double value) {
        public Bound {
            Objects.requireNonNull(metric, "metric");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("The bound on " + metric.label() + " must be a finite number");
            }
        }

        /**
         * Parses {@code METRIC=VALUE} given to {@code option} (e.g. {@code --min-estimated accuracy=0.9}).
         *
         * @throws io.mlstages.validate.ValidationException naming the option and value when malformed
         */
        public static Bound parse(final String option, final String text) {
            GateOption parsed = GateOption.parse(option, text);
            return new Bound(parsed.metric(), parsed.value());
        }

        @Override
        public String toString() {
            return metric.label() + ">=" + value;
        }
    }
}
