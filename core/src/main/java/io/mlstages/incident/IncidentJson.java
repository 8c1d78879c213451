package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlstages.model.IncidentDocument;
import io.mlstages.model.ReportFormatException;
import io.mlstages.model.ReportJson;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Incidents as JSON: the store's file format and the {@code --json} output, as the model's {@link IncidentDocument}
 * (written and read by {@link ReportJson}).
 */
final class IncidentJson {
    /** For the webhook's payload and the prediction logs, which are not incident documents. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IncidentJson() {
    }

    static IncidentDocument document(final Incident incident) {
        return new IncidentDocument(IncidentDocument.TYPE.version(), incident.id(), incident.model(),
                incident.modelVersion(), incident.stage().name(), incident.severity().name(),
                text(incident.lastRetrainRequest()), incident.mitigatedBy(),
                incident.findings().stream().map(f -> new IncidentDocument.Finding(f.at().toString(), f.reportFile(),
                        f.datasetDrift(), f.driftShare(), f.driftedColumns(), f.severity().name(), f.buildUrl(),
                        f.breaches()))
                        .toList(),
                incident.steps().stream().map(s -> new IncidentDocument.Step(s.stage().name(), s.at().toString(),
                        s.buildUrl(), s.user(), s.note(), s.event())).toList(),
                text(incident.liveSince()), text(incident.timeToDetect()), text(incident.timeToMitigate()),
                incident.failedVerifications() == 0 ? null : incident.failedVerifications(),
                incident.retrainHalted() ? Boolean.TRUE : null, incident.currentProfile(), incident.mitigation());
    }

    @CheckForNull
    private static String text(@CheckForNull final java.time.Duration value) {
        return value == null ? null : value.toString();
    }

    static String toJson(final Incident incident) {
        return ReportJson.toString(document(incident)) + "\n";
    }

    static String toJson(final List<Incident> incidents) {
        return ReportJson.toString(incidents.stream().map(IncidentJson::document).toList()) + "\n";
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
        IncidentDocument document;
        try {
            document = ReportJson.read(text, IncidentDocument.TYPE, origin);
        }
        catch (ReportFormatException e) {
            throw new IncidentException(e.getMessage(), e);
        }
        try {
            return new Incident(document.id(), document.model(), document.modelVersion(),
                    Stage.valueOf(document.stage()), Severity.valueOf(document.severity()),
                    document.findings().stream().map(f -> new Finding(instant(f.at(), "at", origin), f.reportFile(),
                            f.datasetDrift(), f.driftShare(), f.driftedColumns(), Severity.valueOf(f.severity()),
                            f.buildUrl(), f.breaches())).toList(),
                    document.steps().stream().map(s -> new Step(Stage.valueOf(s.stage()), instant(s.at(), "at", origin),
                            s.buildUrl(), s.user(), s.note(), s.event())).toList(),
                    document.lastRetrainRequest() == null ? null
                            : instant(document.lastRetrainRequest(), "lastRetrainRequest", origin),
                    document.mitigatedBy(),
                    document.liveSince() == null ? null : instant(document.liveSince(), "liveSince", origin),
                    document.failedVerifications() == null ? 0 : document.failedVerifications(),
                    Boolean.TRUE.equals(document.retrainHalted()), document.currentProfile(), document.mitigation());
        }
        catch (IllegalArgumentException | NullPointerException e) {
            throw new IncidentException(origin + ": invalid incident: " + e.getMessage(), e);
        }
    }

    @CheckForNull
    private static String text(@CheckForNull final Instant value) {
        return value == null ? null : value.toString();
    }

    private static Instant instant(final String value, final String field, final String origin) {
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException | NullPointerException e) {
            throw new IncidentException(origin + ": field '" + field + "' is not a timestamp: " + value, e);
        }
    }
}
