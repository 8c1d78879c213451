package io.mlstages.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.MlStagesException;
import io.mlstages.io.AtomicFiles;
import io.mlstages.data.ColumnType;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftMethod;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of a {@link DriftReport}. The field names are a public contract (the plugin and users' scripts
 * read them), so they are written explicitly rather than derived from the record components.
 *
 * <p>JSON has no NaN or infinity: a score that is not a finite number is written as {@code null}.</p>
 */
public final class DriftReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DriftReportJson() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(final DriftReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", report.schemaVersion());
        root.put("kind", "mlstages-drift-report");
        root.put("reference", report.reference());
        root.put("current", report.current());
        root.put("referenceRows", report.referenceRows());
        root.put("currentRows", report.currentRows());
        root.put("datasetDrift", report.datasetDrift());
        putNumber(root, "driftShare", report.driftShare());
        putNumber(root, "driftShareThreshold", report.driftShareThreshold());
        root.put("driftedColumns", report.drifted().size());
        ArrayNode columns = root.putArray("columns");
        for (ColumnDrift column : report.columns()) {
            ObjectNode node = columns.addObject();
            node.put("name", column.name());
            node.put("type", column.type().label());
            node.put("role", column.role().name().toLowerCase(Locale.ROOT));
            node.put("method", column.method().label());
            putNumber(node, "score", column.score());
            putNumber(node, "threshold", column.threshold());
            Double pValue = column.pValue();
            if (pValue == null) {
                node.putNull("pValue");
            }
            else {
                putNumber(node, "pValue", pValue);
            }
            putNumber(node, "alpha", column.alpha());
            node.put("drift", column.drift());
            node.put("significant", column.significant());
            node.put("referenceCount", column.referenceCount());
            node.put("currentCount", column.currentCount());
            putNumber(node, "referenceMissingRate", column.referenceMissingRate());
            putNumber(node, "currentMissingRate", column.currentMissingRate());
            node.put("missingDrift", column.missingDrift());
            putNumber(node, "referenceNonFiniteRate", column.referenceNonFiniteRate());
            putNumber(node, "currentNonFiniteRate", column.currentNonFiniteRate());
            node.put("nonFiniteDrift", column.nonFiniteDrift());
            node.put("exact", column.exact());
            if (column.note() == null) {
                node.putNull("note");
            }
            else {
                node.put("note", column.note());
            }
        }
        BadRowsJson.put(root, report.badRows());
        FalseAlarmsReport.putJson(root, report.falseAlarms());
        ConstraintReport.put(root, report.constraints());
        SegmentReports.putJson(root, report);
        MultivariateReport.putJson(root, report);
        return root;
    }

    /** The report as indented JSON text. */
    public static String toString(final DriftReport report) {
        try {
            return MAPPER.writeValueAsString(toJson(report));
        }
        catch (JsonProcessingException e) {
            throw new MlStagesException("Cannot write the drift report as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the report to a file, atomically: a reader never sees half a report. */
    public static void write(final DriftReport report, final Path file) {
        AtomicFiles.write(file, toString(report) + "\n");
    }

    /**
     * Reads a report written by {@link #write}.
     *
     * @throws MlStagesException naming the file when it is not a drift report this version can read
     */
    public static DriftReport read(final Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new MlStagesException(file + ": not a readable drift report: " + e.getMessage(), e);
        }
        return fromJson(root, file.toString());
    }

    /**
     * A report from its JSON tree (as {@link #toJson} makes it).
     *
     * @param origin where the tree came from, for error messages
     * @throws MlStagesException naming the origin when the tree is not a drift report this version can read
     */
    public static DriftReport fromJson(final JsonNode root, final String origin) {
        if (root == null || !root.isObject() || !"mlstages-drift-report".equals(root.path("kind").asText())) {
            throw new MlStagesException(origin + ": not a drift report (no \"kind\": \"mlstages-drift-report\")");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version < 1 || version > DriftReport.SCHEMA_VERSION) {
            throw new MlStagesException(origin + ": drift report schema version " + version
                    + " is not supported; this build reads version " + DriftReport.SCHEMA_VERSION);
        }
        try {
            List<ColumnDrift> columns = new ArrayList<>();
            for (JsonNode node : root.path("columns")) {
                columns.add(new ColumnDrift(node.path("name").asText(),
                        ColumnType.parse(node.path("type").asText()),
                        Role.valueOf(node.path("role").asText().toUpperCase(Locale.ROOT)),
                        DriftMethod.parse(node.path("method").asText()),
                        number(node, "score"), number(node, "threshold"),
                        node.path("pValue").isNumber() ? node.path("pValue").doubleValue() : null,
                        number(node, "alpha"), node.path("drift").asBoolean(),
                        node.path("referenceCount").asLong(), node.path("currentCount").asLong(),
                        number(node, "referenceMissingRate"), number(node, "currentMissingRate"),
                        node.path("missingDrift").asBoolean(),
                        // absent from reports written before the non-finite share was measured: unknown (NaN)
                        number(node, "referenceNonFiniteRate"), number(node, "currentNonFiniteRate"),
                        node.path("nonFiniteDrift").asBoolean(), node.path("exact").asBoolean(),
                        node.path("note").isTextual() ? node.path("note").asText() : null));
            }
            return new DriftReport(version, root.path("reference").asText(), root.path("current").asText(),
                    root.path("referenceRows").asLong(), root.path("currentRows").asLong(),
                    root.path("datasetDrift").asBoolean(), number(root, "driftShare"),
                    number(root, "driftShareThreshold"), columns, BadRowsJson.read(root),
                    FalseAlarmsReport.readJson(root), ConstraintReport.read(root), SegmentReports.readJson(root),
                    MultivariateReport.readJson(root));
        }
        catch (IllegalArgumentException e) {
            throw new MlStagesException(origin + ": malformed drift report: " + e.getMessage(), e);
        }
    }

    private static double number(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : Double.NaN;
    }

    private static void putNumber(final ObjectNode node, final String field, final double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        }
        else {
            node.putNull(field);
        }
    }
}
