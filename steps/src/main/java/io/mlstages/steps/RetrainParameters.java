package io.mlstages.steps;

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
     * The values for a checkDrift result map (from {@link StepResults#read}) and the report's absolute URL.
     *
     * @throws StepException when the result has no incident (there is nothing to retrain for)
     */
    public static LinkedHashMap<String, String> of(final Map<String, Object> checkResult, final String reportUrl) {
        throw new UnsupportedOperationException("not yet");
    }
}
