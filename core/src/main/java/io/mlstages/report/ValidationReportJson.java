package io.mlstages.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.MlStagesException;
import io.mlstages.drift.DriftReport;
import io.mlstages.io.AtomicFiles;
import io.mlstages.metrics.Evaluation;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.metrics.Task;
import io.mlstages.validate.ValidationReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a {@link ValidationReport}. Field names are a public contract (the plugin, the registry and
 * users' scripts read them), so they are written explicitly. A number that is not finite (an undefined metric) is
 * written as {@code null}.
 *
 * <p>The text is deterministic (no time stamp, fixed field order), so that the SHA-256 a blessing records
 * identifies the report: {@link #sha256} of a report equals the SHA-256 of the file {@link #write} makes of it.</p>
 */
public final class ValidationReportJson {
    /** The {@code kind} field that marks a validation report. */
    public static final String KIND = "mlstages-validation-report";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ValidationReportJson() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(final ValidationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", report.schemaVersion());
        root.put("kind", KIND);
        root.put("passed", report.passed());
        root.put("task", report.task().label());
        model(root, "model", report.model());
        model(root, "baselineModel", report.baselineModel());
        root.put("data", report.data());
        putText(root, "dataSha256", report.dataSha256());
        root.put("gatesPassed", report.gates().size() - report.failed().size());
        root.put("gatesFailed", report.failed().size());
        ArrayNode gates = root.putArray("gates");
        for (GateResult gate : report.gates()) {
            ObjectNode node = gates.addObject();
            node.put("name", gate.name());
            node.put("kind", gate.kind().label());
            node.put("metric", gate.metric());
            putNumber(node, "value", gate.value());
            putNumber(node, "bound", gate.bound());
            putNumber(node, "baseline", gate.baseline());
            node.put("passed", gate.passed());
            node.put("message", gate.message());
        }
        evaluation(root, "metrics", report.metrics());
        evaluation(root, "baselineMetrics", report.baselineMetrics());
        DriftReport checked = report.drift();
        if (checked == null) {
            root.putNull("drift");
        }
        else {
            ObjectNode drift = DriftReportJson.toJson(checked);
            root.set("drift", drift);
        }
        BadRowsJson.put(root, report.badRows());
        ConstraintReport.put(root, report.constraints());
        return root;
    }

    /** The report as indented JSON text, ending with a newline: the exact bytes {@link #write} stores. */
    public static String toString(final ValidationReport report) {
        try {
            return MAPPER.writeValueAsString(toJson(report)) + "\n";
        }
        catch (JsonProcessingException e) {
            throw new MlStagesException("Cannot write the validation report as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The SHA-256 of the report's JSON text, lower-case hex: what a blessing records. */
    public static String sha256(final ValidationReport report) {
        return sha256(toString(report).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the report to a file atomically.
     *
     * @return the SHA-256 of the bytes written, lower-case hex
     */
    public static String write(final ValidationReport report, final Path file) {
        byte[] bytes = toString(report).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
        return sha256(bytes);
    }

    /**
     * Reads a report written by {@link #write}.
     *
     * @throws MlStagesException naming the file, and the field where there is one, when it is not a validation
     *                           report this version can read
     */
    public static ValidationReport read(final Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new MlStagesException(file + ": not a readable validation report: " + e.getMessage(), e);
        }
        String origin = file.toString();
        if (root == null || !root.isObject() || !KIND.equals(root.path("kind").asText())) {
            throw new MlStagesException(origin + ": not a validation report (no \"kind\": \"" + KIND + "\")");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version < 1 || version > ValidationReport.SCHEMA_VERSION) {
            throw new MlStagesException(origin + ": validation report schema version " + version
                    + " is not supported; this build reads version " + ValidationReport.SCHEMA_VERSION);
        }
        try {
            Task task = Task.valueOf(text(root, "task", origin).toUpperCase(Locale.ROOT));
            List<GateResult> gates = new ArrayList<>();
            for (JsonNode node : root.path("gates")) {
                gates.add(new GateResult(text(node, "name", origin),
                        GateResult.Kind.valueOf(text(node, "kind", origin).toUpperCase(Locale.ROOT)),
                        text(node, "metric", origin), number(node, "value"), optionalNumber(node, "bound"),
                        optionalNumber(node, "baseline"), node.path("passed").asBoolean(),
                        text(node, "message", origin)));
            }
            JsonNode drift = root.path("drift");
            return new ValidationReport(version, root.path("passed").asBoolean(), task,
                    readModel(root.path("model"), origin), readModel(root.path("baselineModel"), origin),
                    text(root, "data", origin), optionalText(root, "dataSha256"),
                    readEvaluation(task, root.path("metrics"), origin),
                    readEvaluation(task, root.path("baselineMetrics"), origin), gates,
                    drift.isObject() ? DriftReportJson.fromJson(drift, origin + " (drift)") : null,
                    BadRowsJson.read(root), ConstraintReport.read(root));
        }
        catch (IllegalArgumentException | NullPointerException e) {
            throw new MlStagesException(origin + ": malformed validation report: " + e.getMessage(), e);
        }
    }

    private static ModelIdentity readModel(final JsonNode node, final String origin) {
        if (!node.isObject()) {
            return null;
        }
        return new ModelIdentity(text(node, "name", origin), optionalText(node, "version"),
                optionalText(node, "sha256"), optionalText(node, "location"));
    }

    private static Evaluation readEvaluation(final Task task, final JsonNode node, final String origin) {
        if (!node.isObject()) {
            return null;
        }
        List<String> classes = new ArrayList<>();
        node.path("classes").forEach(c -> classes.add(c.asText()));
        Map<String, Double> values = new LinkedHashMap<>();
        node.path("values").fields().forEachRemaining(f -> values.put(f.getKey(),
                f.getValue().isNumber() ? f.getValue().doubleValue() : Double.NaN));
        long[][] confusion = null;
        JsonNode matrix = node.path("confusionMatrix");
        if (matrix.isArray()) {
            confusion = new long[matrix.size()][];
            for (int i = 0; i < matrix.size(); i++) {
                confusion[i] = new long[matrix.get(i).size()];
                for (int j = 0; j < confusion[i].length; j++) {
                    confusion[i][j] = matrix.get(i).get(j).asLong();
                }
            }
        }
        List<String> notes = new ArrayList<>();
        node.path("notes").forEach(n -> notes.add(n.asText()));
        return new Evaluation(task, node.path("rows").asLong(), classes, values, confusion, notes);
    }

    private static String text(final JsonNode node, final String field, final String origin) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new MlStagesException(origin + ": malformed validation report: field \"" + field
                    + "\" is missing or not text");
        }
        return value.asText();
    }

    private static String optionalText(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static double number(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : Double.NaN;
    }

    private static Double optionalNumber(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : null;
    }

    private static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static void model(final ObjectNode root, final String field, final ModelIdentity model) {
        if (model == null) {
            root.putNull(field);
            return;
        }
        ObjectNode node = root.putObject(field);
        node.put("name", model.name());
        putText(node, "version", model.version());
        putText(node, "sha256", model.sha256());
        putText(node, "location", model.location());
    }

    private static void evaluation(final ObjectNode root, final String field, final Evaluation evaluation) {
        if (evaluation == null) {
            root.putNull(field);
            return;
        }
        ObjectNode node = root.putObject(field);
        node.put("rows", evaluation.rows());
        ArrayNode classes = node.putArray("classes");
        evaluation.classes().forEach(classes::add);
        ObjectNode values = node.putObject("values");
        for (Map.Entry<String, Double> metric : evaluation.metrics().entrySet()) {
            putNumber(values, metric.getKey(), metric.getValue());
        }
        long[][] confusion = evaluation.confusion();
        if (confusion == null) {
            node.putNull("confusionMatrix");
        }
        else {
            ArrayNode matrix = node.putArray("confusionMatrix");
            for (long[] row : confusion) {
                ArrayNode cells = matrix.addArray();
                for (long cell : row) {
                    cells.add(cell);
                }
            }
        }
        ArrayNode notes = node.putArray("notes");
        evaluation.notes().forEach(notes::add);
    }

    private static void putText(final ObjectNode node, final String field, final String value) {
        if (value == null) {
            node.putNull(field);
        }
        else {
            node.put(field, value);
        }
    }

    private static void putNumber(final ObjectNode node, final String field, final Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(field);
        }
        else {
            node.put(field, value.doubleValue());
        }
    }
}
