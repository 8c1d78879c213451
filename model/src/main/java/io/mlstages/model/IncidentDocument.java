package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param liveSince          when the version that drifted went live (its alias move), or null when unknown
 * @param timeToDetect       from {@code liveSince} to the first finding (ISO-8601 duration), or null
 * @param timeToMitigate     from the first finding to the verified mitigation (ISO-8601 duration), or null
 * @param failedVerifications retrained candidates whose incident gates failed ({@code validate --incident}); null
 *                           for none
 * @param retrainHalted      true when the retrain budget is spent: automatic retraining stops until a person
 *                           resolves or re-arms the incident; null when not
 * @param currentProfile     the file, beside the incident's, holding the profile of the data that drifted (its
 *                           latest finding), or null
 * @param mitigation         the gates and figures of the verified blessing that mitigated it, one line each
 */
@JsonPropertyOrder({"kind", "formatVersion"})
public record IncidentDocument(int formatVersion, @JsonProperty(required = true) String id, String model,
        int modelVersion, @JsonProperty(required = true) String stage, @JsonProperty(required = true) String severity,
        String lastRetrainRequest, Integer mitigatedBy, List<Finding> findings, List<Step> steps,
        @JsonInclude(JsonInclude.Include.NON_NULL) String liveSince,
        @JsonInclude(JsonInclude.Include.NON_NULL) String timeToDetect,
        @JsonInclude(JsonInclude.Include.NON_NULL) String timeToMitigate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer failedVerifications,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean retrainHalted,
        @JsonInclude(JsonInclude.Include.NON_NULL) String currentProfile,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> mitigation) {

    /** The {@code kind} of an incident, and the format version this build writes. */
    public static final DocumentType<IncidentDocument> TYPE = new DocumentType<>(IncidentDocument.class,
            "mlstages-incident", "incident", "formatVersion", 1);

    public IncidentDocument {
        // the codec refuses a version below 1: 0 is the field's absence, which means the first version
        formatVersion = formatVersion == 0 ? 1 : formatVersion;
        findings = findings == null ? List.of() : List.copyOf(findings);
        steps = steps == null ? List.of() : List.copyOf(steps);
        mitigation = mitigation == null ? List.of() : List.copyOf(mitigation);
    }

    /** A document of the first version's fields (an incident with none of the later ones). */
    public IncidentDocument(final int formatVersion, final String id, final String model, final int modelVersion,
            final String stage, final String severity, final String lastRetrainRequest, final Integer mitigatedBy,
            final List<Finding> findings, final List<Step> steps) {
        this(formatVersion, id, model, modelVersion, stage, severity, lastRetrainRequest, mitigatedBy, findings, steps,
                null, null, null, null, null, null, List.of());
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
     * @param note     why, in the engine's words
     * @param event    what happened, one of {@link IncidentEvent}'s kinds; absent from steps written before it
     *                 existed (a reader then judges by the stage and the note)
     */
    public record Step(String stage, String at, String buildUrl, String user, String note,
            @JsonInclude(JsonInclude.Include.NON_NULL) String event) {
        /** A step of the first version's fields (no event). */
        public Step(final String stage, final String at, final String buildUrl, final String user,
                final String note) {
            this(stage, at, buildUrl, user, note, null);
        }
    }
}
