package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters a retrain job receives: {@code MODEL_NAME}, {@code MODEL_VERSION}, {@code INCIDENT_ID},
 * {@code DRIFTED_COLUMNS} (comma-separated), {@code DRIFT_REPORT_URL}. The retrain job must declare them (Jenkins
 * drops undeclared parameters); {@link #NAMES} is the list the docs and the Jenkinsfiles use.
 */
public final class RetrainParameters {
    /** The parameter names, in this order. */
    public static final java.util.List<String> NAMES = java.util.List.of("MODEL_NAME", "MODEL_VERSION", "INCIDENT_ID",
            "DRIFTED_COLUMNS", "DRIFT_REPORT_URL");

    private RetrainParameters() {
    }

    /**
     * Whether retraining concerns a drift check at all: only a check of a registered model opens incidents and asks
     * for a retrain, and a retrain job is configured only for that. A reference-only check says nothing about it.
     *
     * @param model      the check's {@code model} parameter, or null
     * @param retrainJob the check's {@code retrainJob} parameter, or null
     */
    public static boolean applies(@CheckForNull final String model, @CheckForNull final String retrainJob) {
        return model != null && !model.isBlank() || retrainJob != null && !retrainJob.isBlank();
    }

    /**
     * The values for a checkDrift result map (from {@link StepResults#read}) and the report's absolute URL.
     *
     * @throws StepException when the result has no incident (there is nothing to retrain for)
     */
    public static LinkedHashMap<String, String> of(final Map<String, Object> checkResult, final String reportUrl) {
        Object incident = checkResult == null ? null : checkResult.get("incidentId");
        if (incident == null || incident.toString().isBlank()) {
            throw new StepException("No retrain parameters: the drift check has no incident (a check of a registered"
                    + " model that drifted opens one)");
        }
        Object model = checkResult.get("model");
        Object version = checkResult.get("version");
        if (model == null || version == null) {
            throw new StepException("No retrain parameters for incident " + incident + ": the result names no model"
                    + " version");
        }
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        values.put("MODEL_NAME", model.toString());
        values.put("MODEL_VERSION", version.toString());
        values.put("INCIDENT_ID", incident.toString());
        Object drifted = checkResult.get("driftedColumns");
        values.put("DRIFTED_COLUMNS", drifted instanceof java.util.Collection<?> names
                ? names.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                : drifted == null ? "" : drifted.toString());
        values.put("DRIFT_REPORT_URL", reportUrl == null ? "" : reportUrl);
        return values;
    }
}
