package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
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
 */
public record ValidationView(boolean passed, String task, Model model, Model baseline, String data, long rows,
        List<Gate> gates, List<Metric> metrics) {

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

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The {@code kind} of a validation report. */
    static final String KIND = "mlstages-validation-report";

    public ValidationView {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(model, "model");
        data = Objects.requireNonNullElse(data, "");
        gates = List.copyOf(gates);
        metrics = List.copyOf(metrics);
    }

    /**
     * Reads a validation report JSON.
     *
     * @param json   the content
     * @param source its file name, for errors
     * @throws StepException naming the source and the field when it is not a validation report
     */
    public static ValidationView parse(final String json, final String source) {
        JsonNode root;
        try {
            root = json == null ? null : JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw new StepException(source + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !KIND.equals(root.path("kind").asText())) {
            throw new StepException(source + ": not a validation report (no \"kind\": \"" + KIND + "\")");
        }
        boolean passed = bool(root, "passed", source, "");
        String task = text(root, "task", source, "");
        Model model = model(root.path("model"), "model", source);
        if (model == null) {
            throw malformed(source, "model", "an object");
        }
        Model baseline = model(root.path("baselineModel"), "baselineModel", source);

        JsonNode gateNodes = root.path("gates");
        if (!gateNodes.isArray()) {
            throw malformed(source, "gates", "a list");
        }
        List<Gate> gates = new ArrayList<>();
        for (int i = 0; i < gateNodes.size(); i++) {
            JsonNode node = gateNodes.get(i);
            String where = "gates[" + i + "].";
            gates.add(new Gate(text(node, "name", source, where), node.path("kind").asText(""),
                    node.path("metric").asText(""), DriftView.format(number(node.path("value"))),
                    optional(node.path("bound")), optional(node.path("baseline")), bool(node, "passed", source, where),
                    node.path("message").asText("")));
        }

        Map<String, Double> values = values(root.path("metrics"), "metrics", source);
        Map<String, Double> baselineValues = values(root.path("baselineMetrics"), "baselineMetrics", source);
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
        return new ValidationView(passed, task, model, baseline, root.path("data").asText(""),
                root.path("metrics").path("rows").asLong(0), gates, metrics);
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
    private static Model model(final JsonNode node, final String field, final String source) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw malformed(source, field, "an object or null");
        }
        return new Model(text(node, "name", source, field + "."), node.path("version").asText(null),
                node.path("sha256").asText(null), node.path("location").asText(null));
    }

    private static Map<String, Double> values(final JsonNode evaluation, final String field, final String source) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (evaluation.isMissingNode() || evaluation.isNull()) {
            return values;
        }
        JsonNode node = evaluation.path("values");
        if (!evaluation.isObject() || !node.isObject()) {
            throw malformed(source, field + ".values", "an object of metric values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            // an undefined metric is written as null: shown as n/a, never dropped
            values.put(entry.getKey(), number(entry.getValue()));
        }
        return values;
    }

    private static String text(final JsonNode node, final String field, final String source, final String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw malformed(source, path + field, "text");
        }
        return value.asText();
    }

    private static boolean bool(final JsonNode node, final String field, final String source, final String path) {
        JsonNode value = node.path(field);
        if (!value.isBoolean()) {
            throw malformed(source, path + field, "true or false");
        }
        return value.booleanValue();
    }

    private static String optional(final JsonNode node) {
        return node.isNumber() ? DriftView.format(node.doubleValue()) : "";
    }

    private static double number(final JsonNode node) {
        return node.isNumber() ? node.doubleValue() : Double.NaN;
    }

    private static StepException malformed(final String source, final String field, final String expected) {
        return new StepException(source + ": malformed validation report: the field \"" + field
                + "\" is missing or not " + expected);
    }
}
