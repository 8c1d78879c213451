package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.mlstages.model.ReportFormatException;
import io.mlstages.model.ReportJson;
import io.mlstages.model.ValidationReportDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validation report as the build page shows it, read from the report JSON that {@code mlstages validate --json}
 * wrote (the {@code reportFile} of {@code validateModel}). Numbers are formatted here, as {@link DriftView} formats
 * them, so that the Jelly views only print strings.
 *
 * @param passed   whether every gate passed
 * @param task     binary, multiclass or regression
 * @param model    the candidate
 * @param baseline the model it was compared with (the champion, for a registry baseline), or null
 * @param data     the evaluation data
 * @param rows     rows of the evaluation data the metrics were measured on (0 when unknown)
 * @param gates    every gate, in the report's order
 * @param metrics  the candidate's metrics, then the ones only the baseline has, each with the baseline's value and
 *                 the difference where both exist
 * @param breakdown the features' weights and the slices (empty when the report has none)
 */
public record ValidationView(boolean passed, String task, Model model, @CheckForNull Model baseline, String data,
        long rows, List<Gate> gates, List<Metric> metrics, BreakdownView breakdown) {

    /**
     * A model's identity.
     *
     * @param name     its name (a package folder, or the registry's model name)
     * @param version  its registry version, or empty
     * @param sha256   the digest of its content, or empty
     * @param location where it was read from, or empty
     */
    public record Model(String name, String version, String sha256, String location) {
        public Model {
            Objects.requireNonNull(name, "model name");
            version = Objects.requireNonNullElse(version, "");
            sha256 = Objects.requireNonNullElse(sha256, "");
            location = Objects.requireNonNullElse(location, "");
        }

        /** The name, with {@code v<version>} when the model is a registry version: {@code cancer v1}. */
        public String label() {
            return version.isEmpty() ? name : name + " v" + version;
        }

        /** The first 12 hex digits of the digest, enough to tell packages apart on a page. */
        public String shortSha256() {
            return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
        }
    }

    /**
     * One gate's row.
     *
     * @param name     the gate's stable name, e.g. {@code min accuracy}
     * @param kind     metric, baseline or data
     * @param metric   what it checked
     * @param value    the candidate's value, formatted
     * @param bound    the value it had to reach, formatted, or empty
     * @param baseline the baseline's value, formatted, or empty
     * @param passed   whether it passed
     * @param message  the engine's sentence about it
     */
    public record Gate(String name, String kind, String metric, String value, String bound, String baseline,
            boolean passed, String message) {
    }

    /**
     * One metric's row.
     *
     * @param name       the metric, e.g. {@code roc_auc}
     * @param value      the candidate's value formatted, or empty when only the baseline has it
     * @param baseline   the baseline's value formatted, or empty
     * @param difference candidate minus baseline, signed ({@code +0.0141}, {@code -0.02}), or empty unless both exist
     */
    public record Metric(String name, String value, String baseline, String difference) {
    }

    public ValidationView {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(model, "model");
        data = Objects.requireNonNullElse(data, "");
        gates = List.copyOf(gates);
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(breakdown, "breakdown");
    }

    /**
     * Reads a validation report JSON.
     *
     * @param json   the content
     * @param source its file name, for errors
     * @throws StepException naming the source and the field when it is not a validation report
     */
    public static ValidationView parse(@CheckForNull final String json, final String source) {
        ValidationReportDocument report;
        try {
            report = ReportJson.read(json, ValidationReportDocument.TYPE, source);
        }
        catch (ReportFormatException e) {
            throw new StepException(e.getMessage(), e);
        }
        Model model = model(report.model());
        if (model == null) {
            throw new StepException(source + ": malformed validation report: the field \"model\" is missing or not"
                    + " an object");
        }
        List<Gate> gates = report.gates().stream().map(g -> new Gate(g.name(), g.kind(), g.metric(),
                DriftView.format(g.value()), optional(g.bound()), optional(g.baseline()), g.passed(), g.message()))
                .toList();
        Map<String, Double> values = values(report.metrics());
        Map<String, Double> baselineValues = values(report.baselineMetrics());
        Set<String> names = new LinkedHashSet<>(values.keySet());
        names.addAll(baselineValues.keySet());
        List<Metric> metrics = new ArrayList<>();
        for (String name : names) {
            Double value = values.get(name);
            Double base = baselineValues.get(name);
            metrics.add(new Metric(name, value == null ? "" : DriftView.format(value),
                    base == null ? "" : DriftView.format(base),
                    value == null || base == null ? "" : signed(value - base)));
        }
        Model baseline = model(report.baselineModel());
        ValidationReportDocument.Metrics measured = report.metrics();
        long rows = measured == null ? 0 : measured.rows();
        return new ValidationView(report.passed(), report.task(), model, baseline, report.data(), rows, gates,
                metrics, BreakdownView.of(report.breakdown(), report.gates()));
    }

    /** The gates that failed, in the report's order. */
    public List<Gate> failedGates() {
        return gates.stream().filter(g -> !g.passed()).toList();
    }

    /** How many gates passed. */
    public int gatesPassed() {
        return gates.size() - gatesFailed();
    }

    /** How many gates failed. */
    public int gatesFailed() {
        return (int) gates.stream().filter(g -> !g.passed()).count();
    }

    /** Whether the candidate was compared with a baseline. */
    public boolean hasBaseline() {
        return baseline != null;
    }

    /**
     * The metrics a summary shows, at most {@code n}: first those a metric or baseline gate checked (what the user
     * asked about), then the others in the report's order.
     */
    public List<Metric> headlineMetrics(final int n) {
        Set<String> gated = new LinkedHashSet<>();
        for (Gate gate : gates) {
            if (!"data".equals(gate.kind())) {
                gated.add(gate.metric());
            }
        }
        List<Metric> ordered = new ArrayList<>();
        for (String name : gated) {
            metrics.stream().filter(m -> m.name().equals(name)).findFirst().ifPresent(ordered::add);
        }
        metrics.stream().filter(m -> !gated.contains(m.name())).forEach(ordered::add);
        return ordered.subList(0, Math.min(Math.max(0, n), ordered.size()));
    }

    /** A difference with its sign: {@code +0.0141}, {@code -0.02}, {@code 0}. */
    static String signed(final double difference) {
        String text = DriftView.format(difference);
        return difference > 0 ? "+" + text : text;
    }

    @CheckForNull
    private static Model model(@CheckForNull final ValidationReportDocument.ModelRef ref) {
        return ref == null ? null : new Model(ref.name(), ref.version(), ref.sha256(), ref.location());
    }

    /** The metric values in the report's order; an undefined metric (null) is NaN, shown as n/a, never dropped. */
    private static Map<String, Double> values(@CheckForNull final ValidationReportDocument.Metrics metrics) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (metrics != null) {
            metrics.values().forEach((name, value) -> values.put(name,
                    value != null ? value : Double.valueOf(Double.NaN)));
        }
        return values;
    }

    private static String optional(@CheckForNull final Double value) {
        return value == null ? "" : DriftView.format(value);
    }
}
