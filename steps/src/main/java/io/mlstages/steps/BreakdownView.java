package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.ValidationBreakdown;
import io.mlstages.model.ValidationReportDocument;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validation's breakdown as the build page shows it: the features' weights in the model and the slices, worst
 * first, read from the report's {@code breakdown}. Names and values are data: they are cut to {@value #MAX_CHARS}
 * characters with control characters shown as {@code ?} here, and the Jelly views escape the markup.
 *
 * @param method   how the weights were computed ({@code tree-shap}, {@code standardized-coefficients}), or empty
 *                 without an explanation
 * @param scale    what they are in ({@code log-odds}, {@code margin}, {@code target}), or empty
 * @param features every feature with its weight, the heaviest first
 * @param metrics  the metrics the slice table shows: those the slice gates bound, else the first one
 * @param slices   the slices, worst first
 */
public record BreakdownView(String method, String scale, List<Feature> features, List<String> metrics,
        List<Slice> slices) {
    /** The most characters of a name or value shown. */
    static final int MAX_CHARS = 60;
    /** The features and failing slices the summary names. */
    static final int SUMMARY = 3;

    /**
     * One feature's row.
     *
     * @param name   the feature
     * @param weight its weight, formatted
     * @param share  its share of all the weights, a percentage ({@code 17%})
     */
    public record Feature(String name, String weight, String share) {
    }

    /**
     * One slice's row.
     *
     * @param name    {@code column=value}, {@code column=(missing)} or {@code column=(other)}
     * @param rows    its rows
     * @param values  the values of {@link BreakdownView#metrics()} on it, formatted
     * @param verdict {@code ok}, {@code too few rows} or {@code failed: min accuracy}
     * @param failed  whether it failed a slice gate
     */
    public record Slice(String name, long rows, List<String> values, String verdict, boolean failed) {
        public Slice {
            values = List.copyOf(values);
        }
    }

    public BreakdownView {
        features = List.copyOf(features);
        metrics = List.copyOf(metrics);
        slices = List.copyOf(slices);
    }

    /** The view of a report's breakdown, its slice gates naming the metrics shown; an empty one without it. */
    static BreakdownView of(@CheckForNull final ValidationBreakdown breakdown,
            final List<ValidationReportDocument.Gate> gates) {
        if (breakdown == null) {
            return new BreakdownView("", "", List.of(), List.of(), List.of());
        }
        ValidationBreakdown.Explanation explanation = breakdown.explanation();
        List<Feature> features = new ArrayList<>();
        if (explanation != null) {
            for (ValidationBreakdown.Feature feature : explanation.features()) {
                features.add(new Feature(bounded(feature.name()), DriftView.format(feature.weight()),
                        Math.round(feature.share() * 100) + "%"));
            }
        }
        // the slices' table shows the metrics the slice gates bound; without gates, the report's first metric
        Set<String> shown = new LinkedHashSet<>();
        gates.stream().filter(g -> "slice".equals(g.kind())).forEach(g -> shown.add(g.metric()));
        if (shown.isEmpty() && !breakdown.slices().isEmpty()) {
            breakdown.slices().get(0).metrics().keySet().stream().findFirst().ifPresent(shown::add);
        }
        List<Slice> slices = new ArrayList<>();
        for (ValidationBreakdown.Slice slice : breakdown.slices()) {
            String value = slice.other() ? "(other)" : slice.value() == null ? "(missing)" : slice.value();
            List<String> values = new ArrayList<>();
            for (String metric : shown) {
                Double measured = slice.metrics().get(metric);
                values.add(measured == null ? "n/a" : DriftView.format(measured));
            }
            boolean failed = slice.judged() && !slice.passed();
            String verdict = !slice.judged() ? "too few rows" : failed ? "failed: " + String.join(", ", slice.failed())
                    : "ok";
            slices.add(new Slice(bounded(String.valueOf(slice.column())) + "=" + bounded(value), slice.rows(), values,
                    verdict, failed));
        }
        return new BreakdownView(explanation == null ? "" : explanation.method(),
                explanation == null ? "" : explanation.scale(), features, List.copyOf(shown), slices);
    }

    /** Whether there is anything to show. */
    public boolean any() {
        return !features.isEmpty() || !slices.isEmpty();
    }

    /** The summary's line of the heaviest features: {@code checking_status 17%, duration 13%, ...}; empty if none. */
    public String topFeatures() {
        return String.join(", ", features.subList(0, Math.min(SUMMARY, features.size())).stream()
                .map(f -> f.name() + " " + f.share()).toList());
    }

    /** The summary's line of the failed slices: {@code 1 of 7 slices failed: age=[19, 26)}; empty if none failed. */
    public String failedSlices() {
        List<String> failed = slices.stream().filter(Slice::failed).map(Slice::name).toList();
        if (failed.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%d of %d slices failed: %s%s", failed.size(), slices.size(),
                String.join(", ", failed.subList(0, Math.min(SUMMARY, failed.size()))),
                failed.size() > SUMMARY ? ", ..." : "");
    }

    /** What the weights are: {@code tree SHAP, mean |contribution| to the log-odds}. */
    public String explanationNote() {
        return "tree-shap".equals(method) ? "tree SHAP: mean |contribution| to the " + scale + " per row"
                : "standardized coefficients: |coefficient| x standard deviation on the evaluation data, in the "
                        + scale;
    }

    private static String bounded(final String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_CHARS).forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || c == 0x2028 || c == 0x2029 ? '?' : c));
        int length = text.codePointCount(0, text.length());
        return length > MAX_CHARS ? out + "... (" + length + " characters)" : out.toString();
    }
}
