package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Incidents as JSON: the store's file format and the {@code --json} output. Written and read field by field. */
final class IncidentJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String KIND = "mlstages-incident";
    static final int FORMAT_VERSION = 1;

    private IncidentJson() {
    }

    static ObjectNode toTree(final Incident incident) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", KIND);
        node.put("formatVersion", FORMAT_VERSION);
        node.put("id", incident.id());
        node.put("model", incident.model());
        node.put("modelVersion", incident.modelVersion());
        node.put("stage", incident.stage().name());
        node.put("severity", incident.severity().name());
        putInstant(node, "lastRetrainRequest", incident.lastRetrainRequest());
        Integer mitigatedBy = incident.mitigatedBy();
        if (mitigatedBy == null) {
            node.putNull("mitigatedBy");
        }
        else {
            node.put("mitigatedBy", mitigatedBy);
        }
        ArrayNode findings = node.putArray("findings");
        for (Finding f : incident.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("at", f.at().toString());
            fn.put("reportFile", f.reportFile());
            fn.put("datasetDrift", f.datasetDrift());
            fn.put("driftShare", f.driftShare());
            ArrayNode columns = fn.putArray("driftedColumns");
            f.driftedColumns().forEach(columns::add);
            fn.put("severity", f.severity().name());
            fn.put("buildUrl", f.buildUrl());
        }
        ArrayNode steps = node.putArray("steps");
        for (Step s : incident.steps()) {
            ObjectNode sn = steps.addObject();
            sn.put("stage", s.stage().name());
            sn.put("at", s.at().toString());
            sn.put("buildUrl", s.buildUrl());
            sn.put("user", s.user());
            sn.put("note", s.note());
        }
        return node;
    }

    static String toJson(final Incident incident) {
        return write(toTree(incident));
    }

    static String write(final JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** Reads one incident; {@code origin} (the file) names where in error messages. */
    static Incident fromJson(final String text, final String origin) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        }
        catch (JsonProcessingException e) {
            throw new IncidentException(origin + ": not valid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (node == null || !KIND.equals(node.path("kind").asText())) {
            throw new IncidentException(origin + ": not an incident file (kind is not '" + KIND + "')");
        }
        int format = node.path("formatVersion").asInt(-1);
        if (format < 1 || format > FORMAT_VERSION) {
            throw new IncidentException(origin + ": incident format " + format + " is not supported; this build reads"
                    + " format " + FORMAT_VERSION);
        }
        try {
            List<Finding> findings = new ArrayList<>();
            for (JsonNode f : node.path("findings")) {
                List<String> columns = new ArrayList<>();
                f.path("driftedColumns").forEach(c -> columns.add(c.asText()));
                findings.add(new Finding(instant(f, "at", origin), text(f, "reportFile"),
                        f.path("datasetDrift").asBoolean(), f.path("driftShare").asDouble(), columns,
                        Severity.valueOf(f.path("severity").asText()), text(f, "buildUrl")));
            }
            List<Step> steps = new ArrayList<>();
            for (JsonNode s : node.path("steps")) {
                steps.add(new Step(Stage.valueOf(s.path("stage").asText()), instant(s, "at", origin),
                        text(s, "buildUrl"), text(s, "user"), text(s, "note")));
            }
            JsonNode mitigated = node.path("mitigatedBy");
            return new Incident(node.path("id").asText(), node.path("model").asText(),
                    node.path("modelVersion").asInt(), Stage.valueOf(node.path("stage").asText()),
                    Severity.valueOf(node.path("severity").asText()), findings, steps,
                    node.hasNonNull("lastRetrainRequest") ? instant(node, "lastRetrainRequest", origin) : null,
                    mitigated.isNumber() ? mitigated.asInt() : null);
        }
        catch (IllegalArgumentException | NullPointerException e) {
            throw new IncidentException(origin + ": invalid incident: " + e.getMessage(), e);
        }
    }

    @CheckForNull
    private static String text(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(final JsonNode node, final String field, final String origin) {
        String value = text(node, field);
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException | NullPointerException e) {
            throw new IncidentException(origin + ": field '" + field + "' is not a timestamp: " + value, e);
        }
    }

    private static void putInstant(final ObjectNode node, final String field, @CheckForNull final Instant value) {
        if (value == null) {
            node.putNull(field);
        }
        else {
            node.put(field, value.toString());
        }
    }
}
