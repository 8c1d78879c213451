package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a retrain request carries: one map of names to values, used as environment variables of the command line's
 * retrain command (each name prefixed with {@code MLSTAGES_}) and as parameters of the plugin's downstream job.
 *
 * @param modelName      the model
 * @param modelVersion   the version that drifted
 * @param incidentId     the incident
 * @param driftedColumns the drifted columns of the latest finding
 * @param driftReport    the drift report's path or URL, or null
 * @param severity       the incident's severity
 */
public record RetrainDetails(String modelName, int modelVersion, String incidentId, List<String> driftedColumns,
        @CheckForNull String driftReport, Severity severity) {
    public RetrainDetails {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(severity, "severity");
        driftedColumns = List.copyOf(driftedColumns);
    }

    /** The details of an incident's latest finding. */
    public static RetrainDetails of(final Incident incident) {
        Finding last = incident.lastFinding();
        return new RetrainDetails(incident.model(), incident.modelVersion(), incident.id(), last.driftedColumns(),
                last.reportFile(), incident.severity());
    }

    /**
     * The names and values: {@code MODEL_NAME}, {@code MODEL_VERSION}, {@code INCIDENT_ID}, {@code DRIFTED_COLUMNS}
     * (comma-separated), {@code DRIFT_REPORT} (empty when none) and {@code SEVERITY} (e.g. {@code HIGH}).
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("MODEL_NAME", modelName);
        map.put("MODEL_VERSION", Integer.toString(modelVersion));
        map.put("INCIDENT_ID", incidentId);
        map.put("DRIFTED_COLUMNS", String.join(",", driftedColumns));
        map.put("DRIFT_REPORT", driftReport == null ? "" : driftReport);
        map.put("SEVERITY", severity.name());
        return map;
    }
}
