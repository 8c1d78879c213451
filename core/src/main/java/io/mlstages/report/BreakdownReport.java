package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Task;
import io.mlstages.model.ValidationBreakdown;
import io.mlstages.train.Explanation;
import io.mlstages.validate.Breakdown;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.Slice;
import io.mlstages.validate.ValidationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.mlstages.model.Html.escape;

/**
 * A validation's breakdown (the features' weights, the slices) in each report form: JSON (the model's
 * {@link ValidationBreakdown}), text and HTML; the slice gates themselves are gates like the others. A slice's value
 * is data: the text and HTML forms escape it and cut it to {@value #MAX_VALUE_CHARS} characters, JSON keeps it whole.
 */
final class BreakdownReport {
    /** The most characters of a slice's value a table shows. */
    static final int MAX_VALUE_CHARS = 60;
    /** The features a text report lists; JSON and HTML list them all. */
    static final int TOP_FEATURES = 10;

    private BreakdownReport() {
    }

    // ---- JSON

    /** The model's breakdown, or null without one (a predictions file's report stays as it was). */
    @CheckForNull
    static ValidationBreakdown document(@CheckForNull final Breakdown breakdown) {
        if (breakdown == null) {
            return null;
        }
        Explanation explanation = breakdown.explanation();
        ValidationBreakdown.Explanation explained = explanation == null ? null
                : new ValidationBreakdown.Explanation(explanation.method().label(), explanation.scale(),
                        explanation.rows(), explanation.features().stream().map(f -> new ValidationBreakdown.Feature(
                                f.name(), f.weight(), explanation.share(f))).toList());
        return new ValidationBreakdown(explained, breakdown.slices().stream().map(s -> new ValidationBreakdown.Slice(
                s.column(), s.value(), s.other(), s.rows(), s.judged(), s.passed(), s.failed(), nullable(s.metrics())))
                .toList());
    }

    /**
     * The engine's breakdown of a report's {@code breakdown}, or null.
     *
     * @throws IllegalArgumentException when the method is not one this build knows
     */
    @CheckForNull
    static Breakdown breakdown(@CheckForNull final ValidationBreakdown document, final Task task) {
        if (document == null) {
            return null;
        }
        ValidationBreakdown.Explanation explained = document.explanation();
        Explanation explanation = explained == null ? null : new Explanation(method(explained.method()), task,
                explained.rows(), explained.features().stream().map(f -> new Explanation.Weight(f.name(), f.weight()))
                        .toList());
        return new Breakdown(explanation, document.slices().stream().map(s -> new Slice(String.valueOf(s.column()),
                s.value(), s.other(), s.rows(), s.judged(), undefined(s.metrics()), s.failed())).toList());
    }

    private static Explanation.Method method(final String label) {
        for (Explanation.Method method : Explanation.Method.values()) {
            if (method.label().equals(label)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown explanation method '" + label + "'");
    }

    /** An undefined metric is written as null, as in the report's metrics. */
    private static Map<String, Double> nullable(final Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((name, value) -> out.put(name, Double.isFinite(value) ? value : null));
        return out;
    }

    private static Map<String, Double> undefined(final Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((name, value) -> out.put(name, value != null ? value : Double.valueOf(Double.NaN)));
        return out;
    }

    // ---- text

    /** The breakdown's text: the top features, then the slices worst first; empty without a breakdown. */
    static String text(final ValidationReport report) {
        Breakdown breakdown = report.breakdown();
        if (breakdown == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        Explanation explanation = breakdown.explanation();
        if (explanation != null) {
            text.append('\n').append(heading(explanation)).append(":\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"feature", weightName(explanation), "share"});
            for (Explanation.Weight feature : explanation.top(TOP_FEATURES)) {
                rows.add(new String[] {DriftTable.printable(feature.name()), DriftTable.format(feature.weight()),
                        DriftTable.percent(explanation.share(feature))});
            }
            table(text, rows);
            if (explanation.features().size() > TOP_FEATURES) {
                text.append("  (the top ").append(TOP_FEATURES).append(" of ").append(explanation.features().size())
                        .append(" features; the JSON report lists them all)\n");
            }
        }
        if (!breakdown.slices().isEmpty()) {
            List<Metric> shown = shownMetrics(report);
            long failed = breakdown.slices().stream().filter(s -> !s.passed()).count();
            text.append("\nslices (worst first): ").append(failed).append(" of ").append(breakdown.slices().size())
                    .append(failed == 1 ? " fails" : " fail").append(" a slice gate\n");
            List<String[]> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("slice", "rows"));
            shown.forEach(m -> header.add(m.label()));
            header.add("verdict");
            rows.add(header.toArray(new String[0]));
            for (Slice slice : breakdown.slices()) {
                List<String> row = new ArrayList<>(List.of(name(slice), Long.toString(slice.rows())));
                shown.forEach(m -> row.add(DriftTable.format(slice.value(m))));
                row.add(verdict(slice));
                rows.add(row.toArray(new String[0]));
            }
            table(text, rows);
        }
        return text.toString();
    }

    private static void table(final StringBuilder text, final List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : rows) {
            text.append("  ");
            for (int i = 0; i < row.length; i++) {
                text.append(row[i]);
                if (i < row.length - 1) {
                    text.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
                }
            }
            text.append('\n');
        }
    }

    /** {@code explanation (tree-shap: mean |contribution| to the log-odds, 300 rows)}. */
    static String heading(final Explanation explanation) {
        String what = explanation.method() == Explanation.Method.TREE_SHAP ? "mean |contribution| to the "
                : "|coefficient| x standard deviation, in the ";
        return "explanation (" + explanation.method().label() + ": " + what + explanation.scale() + ", "
                + explanation.rows() + " rows)";
    }

    private static String weightName(final Explanation explanation) {
        return explanation.method() == Explanation.Method.TREE_SHAP ? "mean |contribution|" : "|std. coefficient|";
    }

    /** The metrics a slice table shows: those the slice gates bound, else the task's primary metric. */
    static List<Metric> shownMetrics(final ValidationReport report) {
        Set<Metric> metrics = new LinkedHashSet<>();
        for (GateResult gate : report.gates()) {
            if (gate.kind() == GateResult.Kind.SLICE) {
                metrics.add(Metric.parse(gate.metric()));
            }
        }
        if (metrics.isEmpty()) {
            metrics.add(Metric.primary(report.task()));
        }
        return List.copyOf(metrics);
    }

    /** How a slice is named in a table: its column, '=' and its value, escaped and cut. */
    static String name(final Slice slice) {
        String value = slice.value();
        String shown = slice.other() ? "(other)" : value == null ? "(missing)" : value;
        return Texts.shortened(slice.column(), MAX_VALUE_CHARS) + "=" + Texts.shortened(shown, MAX_VALUE_CHARS);
    }

    static String verdict(final Slice slice) {
        return !slice.judged() ? "too few rows" : slice.passed() ? "ok" : "FAIL " + String.join(", ", slice.failed());
    }

    // ---- HTML

    /** The breakdown's sections of the validation page; nothing without a breakdown. */
    static void html(final StringBuilder html, final ValidationReport report) {
        Breakdown breakdown = report.breakdown();
        if (breakdown == null) {
            return;
        }
        Explanation explanation = breakdown.explanation();
        if (explanation != null) {
            html.append("<section id=\"explanation\">\n<h2>Explanation</h2>\n<p class=\"note\">")
                    .append(escape(heading(explanation))).append("</p>\n<table>\n<thead><tr><th>Feature</th><th>")
                    .append(escape(weightName(explanation)))
                    .append("</th><th>Share</th><th></th></tr></thead>\n<tbody>\n");
            double top = explanation.features().isEmpty() ? 0 : explanation.features().get(0).weight();
            for (Explanation.Weight feature : explanation.features()) {
                long width = top > 0 ? Math.round(120 * feature.weight() / top) : 0;
                html.append("<tr><td>").append(escape(Texts.shortened(feature.name(), MAX_VALUE_CHARS)))
                        .append("</td><td class=\"num\">").append(DriftTable.format(feature.weight()))
                        .append("</td><td class=\"num\">").append(DriftTable.percent(explanation.share(feature)))
                        .append("</td><td><svg width=\"120\" height=\"10\" role=\"img\" aria-label=\"")
                        .append(DriftTable.percent(explanation.share(feature)))
                        .append("\"><rect width=\"").append(width).append("\" height=\"10\" fill=\"#4c78a8\"/></svg>")
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n</section>\n");
        }
        if (!breakdown.slices().isEmpty()) {
            List<Metric> shown = shownMetrics(report);
            html.append("<section id=\"slices\">\n<h2>Slices, worst first</h2>\n<table>\n<thead><tr><th>Slice</th>"
                    + "<th>Rows</th>");
            shown.forEach(m -> html.append("<th>").append(escape(m.label())).append("</th>"));
            html.append("<th>Verdict</th></tr></thead>\n<tbody>\n");
            for (Slice slice : breakdown.slices()) {
                html.append("<tr><td>").append(escape(name(slice))).append("</td><td class=\"num\">")
                        .append(slice.rows()).append("</td>");
                shown.forEach(m -> html.append("<td class=\"num\">").append(DriftTable.format(slice.value(m)))
                        .append("</td>"));
                String verdict = verdict(slice);
                html.append("<td>").append(slice.judged() && !slice.passed() ? "<span class=\"badge drift\">"
                        + escape(verdict) + "</span>" : escape(verdict.toLowerCase(Locale.ROOT))).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n</section>\n");
        }
    }
}
