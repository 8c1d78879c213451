package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * A validation report: what {@code mlstages validate --json} writes. Its bytes are what a blessing's SHA-256
 * identifies, so the order of the components is the order of the fields, for good.
 *
 * @param schemaVersion   the schema version it was written with
 * @param passed          whether every gate passed
 * @param task            binary, multiclass or regression
 * @param model           the candidate
 * @param baselineModel   the model it was compared with, or null
 * @param data            the evaluation data
 * @param dataSha256      its SHA-256, or null
 * @param gatesPassed     how many gates passed
 * @param gatesFailed     how many failed
 * @param gates           every gate, in order
 * @param metrics         the candidate's metrics, or null
 * @param baselineMetrics the baseline's, or null
 * @param drift           the drift check of the evaluation data against the training data, or null
 * @param badRows         the rows reading skipped, or null when none was
 * @param constraints     the evaluation data checked against its schema's constraints, or null without them
 * @param breakdown       the features' weights and the slices' metrics, or null (a predictions file's report)
 * @param incidentEvents  with {@code --incident}: the verification's event (verified, retrain refused, halted);
 *                        left out otherwise
 */
@JsonPropertyOrder({"schemaVersion", "kind"})
public record ValidationReportDocument(int schemaVersion, boolean passed,
        @JsonProperty(required = true) String task, ModelRef model, ModelRef baselineModel,
        @JsonProperty(required = true) String data, String dataSha256, int gatesPassed, int gatesFailed,
        @JsonProperty(required = true) List<Gate> gates, Metrics metrics, Metrics baselineMetrics,
        DriftReportDocument drift, @JsonInclude(JsonInclude.Include.NON_NULL) BadRowsLog badRows,
        @JsonInclude(JsonInclude.Include.NON_NULL) ConstraintChecks constraints,
        @JsonInclude(JsonInclude.Include.NON_NULL) ValidationBreakdown breakdown,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IncidentEvent> incidentEvents) {

    /** The {@code kind} of a validation report, and the schema version this build writes. */
    public static final DocumentType<ValidationReportDocument> TYPE = new DocumentType<>(
            ValidationReportDocument.class, "mlstages-validation-report", "validation report", "schemaVersion", 1);

    public ValidationReportDocument {
        // the codec refuses a version below 1: 0 is the field's absence, which means the first version
        schemaVersion = schemaVersion == 0 ? 1 : schemaVersion;
        gates = gates == null ? List.of() : List.copyOf(gates);
        incidentEvents = incidentEvents == null ? List.of() : List.copyOf(incidentEvents);
    }

    /** The document's kind, written second. */
    @JsonProperty("kind")
    public String kind() {
        return TYPE.kind();
    }

    /**
     * A model's identity.
     *
     * @param name     a package folder, or the registry's model name
     * @param version  its registry version, or null
     * @param sha256   the digest of its content, or null
     * @param location where it was read from, or null
     */
    public record ModelRef(@JsonProperty(required = true) String name, String version, String sha256,
            String location) {
    }

    /**
     * One gate.
     *
     * @param name     its stable name, e.g. {@code min accuracy}
     * @param kind     metric, baseline or data
     * @param metric   what it checked
     * @param value    the candidate's value (NaN when undefined)
     * @param bound    the value it had to reach, or null
     * @param baseline the baseline's value, or null
     * @param passed   whether it passed
     * @param message  the engine's sentence about it
     */
    public record Gate(@JsonProperty(required = true) String name, @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) String metric, double value, Double bound, Double baseline,
            @JsonProperty(required = true) boolean passed, @JsonProperty(required = true) String message) {
    }

    /**
     * A model's metrics on the evaluation data.
     *
     * @param rows            the rows they were measured on
     * @param classes         the class labels (classification), in order
     * @param values          each metric's value in order, null when undefined
     * @param confusionMatrix actual by predicted counts (classification), or null
     * @param notes           remarks on the evaluation
     */
    public record Metrics(long rows, List<String> classes, Map<String, Double> values, long[][] confusionMatrix,
            List<String> notes) {
        public Metrics {
            classes = classes == null ? List.of() : List.copyOf(classes);
            // a LinkedHashMap as Jackson reads it: the order is the report's, and an undefined metric is null
            values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(values));
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }
}
