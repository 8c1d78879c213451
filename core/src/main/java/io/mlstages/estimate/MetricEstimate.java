package io.mlstages.estimate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Metric;

import java.util.Objects;

/**
 * One estimated metric.
 *
 * @param metric    the metric
 * @param estimate  its expected value on the current rows
 * @param lower     the band's lower end
 * @param upper     the band's upper end
 * @param reference its realized value on the labelled reference rows (what the model did where labels exist)
 * @param bound     the least acceptable estimate, or null when none was set
 */
public record MetricEstimate(Metric metric, double estimate, double lower, double upper, double reference,
        @CheckForNull Double bound) {
    public MetricEstimate {
        Objects.requireNonNull(metric, "metric");
    }

    /** Whether the estimate is below its bound. */
    public boolean breached() {
        return bound != null && estimate < bound;
    }

    /** Whether even the band's upper end is below the bound: the shortfall is not the estimate's noise. */
    public boolean certainlyBreached() {
        return bound != null && upper < bound;
    }
}
