package io.mlstages.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.MlStagesException;
import io.mlstages.io.AtomicFiles;
import io.mlstages.validate.Evaluation;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.ValidationReport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        if (report.drift() == null) {
            root.putNull("drift");
        }
        else {
            ObjectNode drift = DriftReportJson.toJson(report.drift());
            root.set("drift", drift);
        }
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
