package io.mlstages.model;

import java.util.List;

/**
 * A check report's {@code estimate}: a classifier's performance on the current data estimated without labels
 * (confidence-based, calibrated on labelled reference data; {@code check --reference-labelled}), written only when
 * it was made. Numbers that are not finite are {@code null} in JSON and NaN here.
 *
 * @param task          {@code binary} or {@code multiclass}
 * @param reference     the labelled reference file the calibration was fitted on
 * @param rows          current rows estimated on
 * @param referenceRows labelled reference rows
 * @param level         the bands' coverage, e.g. 0.95
 * @param resamples     the bootstrap rounds behind the bands
 * @param metrics       the estimates
 * @param breached      whether an estimate fell below its bound (a finding, as drift is)
 * @param notes         what a reader should know
 */
public record EstimatedPerformance(String task, String reference, long rows, long referenceRows, double level,
        int resamples, List<Metric> metrics, boolean breached, List<String> notes) {

    public EstimatedPerformance {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One estimated metric.
     *
     * @param name      e.g. {@code accuracy}, {@code f1_macro}
     * @param estimate  the expected value on the current rows
     * @param lower     the band's lower end
     * @param upper     the band's upper end
     * @param reference the realized value on the labelled reference rows
     * @param bound     the least acceptable estimate ({@code --min-estimated}), or null
     * @param breached  whether the estimate is below the bound
     */
    public record Metric(String name, double estimate, double lower, double upper, double reference, Double bound,
            boolean breached) {
    }
}
