package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.estimate.MetricEstimate;
import io.mlstages.estimate.PerformanceEstimate;
import io.mlstages.model.EstimatedPerformance;
import io.mlstages.model.Html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A check's performance estimate (docs/estimation.md) in each form a check writes: the JSON section
 * ({@link EstimatedPerformance}), the text table, the HTML section and the JUnit cases.
 */
public final class EstimateReport {
    private EstimateReport() {
    }

    /** The JSON section, or null without an estimate. */
    @CheckForNull
    public static EstimatedPerformance document(@CheckForNull final PerformanceEstimate estimate,
            final String reference) {
        if (estimate == null) {
            return null;
        }
        return new EstimatedPerformance(estimate.task().label(), reference, estimate.rows(), estimate.referenceRows(),
                estimate.level(), estimate.resamples(), estimate.metrics().stream()
                        .map(m -> new EstimatedPerformance.Metric(m.metric().label(), m.estimate(), m.lower(),
                                m.upper(), m.reference(), m.bound(), m.breached())).toList(),
                !estimate.breaches().isEmpty(), estimate.notes());
    }

    /** The text table, ending with a line break; empty without an estimate. */
    public static String text(@CheckForNull final PerformanceEstimate estimate, final String reference) {
        if (estimate == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nEstimated performance without labels (%s, %d current rows; calibrated"
                + " on %s, %d labelled rows; %.0f%% band from %d bootstrap rounds):%n", estimate.task().label(),
                estimate.rows(), reference, estimate.referenceRows(), estimate.level() * 100, estimate.resamples()));
        out.append(String.format(Locale.ROOT, "  %-16s %9s  %-18s %9s  %s%n", "metric", "estimate", "band",
                "reference", "bound"));
        for (MetricEstimate m : estimate.metrics()) {
            out.append(String.format(Locale.ROOT, "  %-16s %9s  %-18s %9s  %s%n", m.metric().label(),
                    DriftTable.format(m.estimate()), band(m), DriftTable.format(m.reference()), bound(m)));
        }
        for (String note : estimate.notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** The HTML section; nothing without an estimate. Every string from the data is escaped. */
    public static void html(final StringBuilder html, @CheckForNull final PerformanceEstimate estimate,
            final String reference) {
        if (estimate == null) {
            return;
        }
        boolean breached = !estimate.breaches().isEmpty();
        html.append("<section id=\"estimate\">\n<h2><span class=\"badge ").append(breached ? "drift" : "ok")
                .append("\">").append(breached ? "below bound" : "ok")
                .append("</span> Estimated performance without labels</h2>\n<p>")
                .append(Html.escape(String.format(Locale.ROOT, "%s model, %d current rows; calibrated on %s (%d "
                        + "labelled rows); %.0f%% band from %d bootstrap rounds.", estimate.task().label(),
                        estimate.rows(), reference, estimate.referenceRows(), estimate.level() * 100,
                        estimate.resamples())))
                .append("</p>\n<table id=\"estimate-metrics\">\n<thead><tr><th>Metric</th><th>Estimate</th>"
                        + "<th>Band</th><th>On the reference</th><th>Bound</th></tr></thead>\n<tbody>\n");
        for (MetricEstimate m : estimate.metrics()) {
            html.append("<tr><td>").append(Html.escape(m.metric().label())).append("</td><td class=\"num\">")
                    .append(DriftTable.format(m.estimate())).append("</td><td class=\"num\">").append(band(m))
                    .append("</td><td class=\"num\">").append(DriftTable.format(m.reference()))
                    .append("</td><td>").append(Html.escape(bound(m))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        for (String note : estimate.notes()) {
            html.append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n");
        }
        html.append("</section>\n");
    }

    /** One JUnit case per bounded metric, failing when the estimate is below its bound. */
    static List<JUnitXml.Case> junitCases(@CheckForNull final PerformanceEstimate estimate) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        if (estimate == null) {
            return cases;
        }
        for (MetricEstimate m : estimate.metrics()) {
            Double bound = m.bound();
            if (bound == null) {
                continue;
            }
            String line = String.format(Locale.ROOT, "estimated %s %s %s, bound %s", m.metric().label(),
                    DriftTable.format(m.estimate()), band(m), DriftTable.format(bound.doubleValue()));
            cases.add(new JUnitXml.Case("estimate", m.metric().label(), m.breached() ? "below bound" : null, line,
                    line + "\nreference: " + DriftTable.format(m.reference())));
        }
        return cases;
    }

    private static String band(final MetricEstimate m) {
        return "[" + DriftTable.format(m.lower()) + ", " + DriftTable.format(m.upper()) + "]";
    }

    private static String bound(final MetricEstimate m) {
        Double bound = m.bound();
        if (bound == null) {
            return "";
        }
        return ">= " + DriftTable.format(bound.doubleValue()) + (m.breached() ? "  BELOW" : "  ok");
    }
}
