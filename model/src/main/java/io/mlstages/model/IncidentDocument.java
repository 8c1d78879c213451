package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A drift incident as its store keeps it and {@code mlstages incident --json} prints it. Its version field is called
 * {@code formatVersion} (it predates the reports' {@code schemaVersion}); times are ISO-8601 instants.
 *
 * @param formatVersion      the schema version it was written with
 * @param id                 e.g. {@code chicago-ridership-0001}
 * @param model              the registered model
 * @param modelVersion       the version that drifted
 * @param stage              OPEN, RETRAINING, MITIGATED or RESOLVED
 * @param severity           LOW, MEDIUM or HIGH
 * @param lastRetrainRequest when a retrain was last requested, or null
 * @param mitigatedBy        the version whose deployment mitigated it, or null
 * @param findings           the drift checks that found it, in order
 * @param steps              its lifecycle, in order
 */
@JsonPropertyOrder({"kind", "formatVersion"})
public record IncidentDocument(int formatVersion, @JsonProperty(required = true) String id, String model,
        int modelVersion, @JsonProperty(required = true) String stage, @JsonProperty(required = true) String severity,
        String lastRetrainRequest, Integer mitigatedBy, List<Finding> findings, List<Step> steps) {

    /** The {@code kind} of an incident, and the format version this build writes. */
    public static final DocumentType<IncidentDocument> TYPE = new DocumentType<>(IncidentDocument.class,
            "mlstages-incident", "incident", "formatVersion", 1);

    public IncidentDocument {
        // the codec refuses a version below 1: 0 is the field's absence, which means the first version
        formatVersion = formatVersion == 0 ? 1 : formatVersion;
        findings = findings == null ? List.of() : List.copyOf(findings);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The document's kind, written first. */
    @JsonProperty("kind")
    public String kind() {
        return TYPE.kind();
    }

    /**
     * One drift check that found the incident.
     *
     * @param at             when
     * @param reportFile     its report, or null
     * @param datasetDrift   whether the dataset drifted
     * @param driftShare     the share of drifted features
     * @param driftedColumns the columns that drifted
     * @param severity       the severity it judged
     * @param buildUrl       the build that ran it, or null
     * @param breaches       the estimated metrics below their bounds (check --min-estimated), omitted when none
     */
    public record Finding(String at, String reportFile, boolean datasetDrift, double driftShare,
            List<String> driftedColumns, String severity, String buildUrl,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            List<String> breaches) {
        public Finding {
            driftedColumns = driftedColumns == null ? List.of() : List.copyOf(driftedColumns);
            breaches = breaches == null ? List.of() : List.copyOf(breaches);
        }
    }

    /**
     * One step of the lifecycle.
     *
     * @param stage    the stage it entered
     * @param at       when
     * @param buildUrl the build that took it, or null
     * @param user     who
     * @param note     why
     */
    public record Step(String stage, String at, String buildUrl, String user, String note) {
    }
}
