package io.mlstages.report;

import io.mlstages.io.AtomicFiles;
import io.mlstages.metrics.Evaluation;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.ValidationReport;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import static io.mlstages.model.Html.escape;

/**
 * The HTML form of a {@link ValidationReport} ({@code validate --html FILE}): the verdict, the gates, the metrics, the
 * explanation and the slices. One self-contained page with the drift report's style and policy: no script, no
 * request, every value escaped, so that it renders under Jenkins' content security policy.
 */
public final class ValidationHtml {
    private ValidationHtml() {
    }

    /** Writes the page to a file, atomically. */
    public static void write(final ValidationReport report, final Path file) {
        AtomicFiles.write(file, toHtml(report));
    }

    /** The page as text. */
    public static String toHtml(final ValidationReport report) {
        Objects.requireNonNull(report, "report");
        StringBuilder html = new StringBuilder(8192);
        int failed = report.failed().size();
        String verdict = (report.passed() ? "Validation passed" : "Validation failed") + ": "
                + (report.gates().size() - failed) + " of " + report.gates().size() + " gates passed";
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(escape(DriftHtml.OWN_POLICY))
                .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(verdict)).append(" · ML Stages validation report</title>\n")
                .append("<style>").append(DriftHtml.STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<header>\n<h1>Validation report</h1>\n<div class=\"verdict ")
                .append(report.passed() ? "clean" : "drift").append("\">\n<p><strong>").append(escape(verdict))
                .append("</strong></p>\n");
        for (GateResult gate : report.failed()) {
            html.append("<p>Failed: ").append(escape(gate.name())).append(": ").append(escape(gate.message()))
                    .append("</p>\n");
        }
        html.append("</div>\n<table>\n<tbody>\n");
        row(html, "Model", label(report.model()));
        ModelIdentity baseline = report.baselineModel();
        if (baseline != null) {
            row(html, "Baseline", label(baseline));
        }
        row(html, "Task", report.task().label());
        Evaluation metrics = report.metrics();
        row(html, "Data", report.data() + (metrics == null ? "" : " (" + metrics.rows() + " rows)"));
        html.append("</tbody>\n</table>\n</header>\n<main>\n");
        html.append("<section id=\"gates\">\n<h2>Gates</h2>\n<table>\n<thead><tr><th>Gate</th><th>Kind</th>"
                + "<th>Value</th><th>Bound</th><th>Baseline</th><th>Verdict</th></tr></thead>\n<tbody>\n");
        for (GateResult gate : report.gates()) {
            html.append("<tr><td>").append(escape(gate.name())).append("<div class=\"note\">")
                    .append(escape(gate.message())).append("</div></td><td>").append(gate.kind().label())
                    .append("</td><td class=\"num\">").append(DriftTable.format(gate.value()))
                    .append("</td><td class=\"num\">").append(DriftTable.format(gate.bound(), "-"))
                    .append("</td><td class=\"num\">").append(DriftTable.format(gate.baseline(), "-"))
                    .append("</td><td>").append(gate.passed() ? "<span class=\"badge ok\">ok</span>"
                            : "<span class=\"badge drift\">failed</span>").append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
        if (metrics != null) {
            Evaluation base = report.baselineMetrics();
            html.append("<section id=\"metrics\">\n<h2>Metrics</h2>\n<table>\n<thead><tr><th>Metric</th><th>Model</th>")
                    .append(base == null ? "" : "<th>Baseline</th>").append("</tr></thead>\n<tbody>\n");
            for (Map.Entry<String, Double> metric : metrics.metrics().entrySet()) {
                html.append("<tr><td>").append(escape(metric.getKey())).append("</td><td class=\"num\">")
                        .append(DriftTable.format(metric.getValue())).append("</td>");
                if (base != null) {
                    Double other = base.metrics().get(metric.getKey());
                    html.append("<td class=\"num\">").append(DriftTable.format(other, "-")).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n</section>\n");
        }
        BreakdownReport.html(html, report);
        html.append("</main>\n<footer><p>Written by ML Stages. The model is blessed when every gate passes; a slice "
                + "gate is judged on slices with enough rows only.</p></footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String label(final ModelIdentity model) {
        return model.name() + (model.version() == null ? "" : " v" + model.version());
    }

    private static void row(final StringBuilder html, final String name, final String value) {
        html.append("<tr><th>").append(name).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }
}
