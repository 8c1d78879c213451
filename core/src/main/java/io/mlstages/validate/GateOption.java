package io.mlstages.validate;

import io.mlstages.metrics.Metric;

/**
 * A parsed gate option value {@code METRIC=VALUE}, with the option named in every error. Public for the other bounds
 * on metrics that take the same form ({@code check --min-estimated}).
 */
public final class GateOption {
    final Metric metric;
    final double value;
    private final String option;
    private final String text;

    private GateOption(final Metric metric, final double value, final String option, final String text) {
        this.metric = metric;
        this.value = value;
        this.option = option;
        this.text = text;
    }

    /**
     * Parses {@code METRIC=VALUE} given to {@code option}.
     *
     * @throws ValidationException naming the option and its value when either part is malformed
     */
    public static GateOption parse(final String option, final String text) {
        String spec = text == null ? "" : text.trim();
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new ValidationException(option + " " + text + ": expected METRIC=VALUE, e.g. " + option
                    + " accuracy=0.9");
        }
        Metric metric;
        try {
            metric = Metric.parse(spec.substring(0, eq));
        }
        catch (io.mlstages.metrics.MetricException e) {
            throw new ValidationException(option + " " + text + ": " + e.getMessage(), e);
        }
        return new GateOption(metric, number(option, text, spec.substring(eq + 1)), option, text);
    }

    /** The metric named. */
    public Metric metric() {
        return metric;
    }

    /** The value given. */
    public double value() {
        return value;
    }

    static double number(final String option, final String text, final String value) {
        try {
            double number = Double.parseDouble(value.trim());
            if (Double.isFinite(number)) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below with the option's context
        }
        throw new ValidationException(option + " " + text + ": '" + value.trim() + "' is not a finite number");
    }

    double nonNegative(final String name) {
        if (value < 0) {
            throw new ValidationException(option + " " + text + ": the amount must not be negative ("
                    + name + " already says the direction)");
        }
        return value;
    }
}
