package io.mlstages.incident;

/**
 * Sends a retrain request for an incident: the command line runs a configured command with
 * {@link RetrainDetails#toMap()} in its environment; the Jenkins plugin schedules a downstream job with them as
 * parameters.
 */
@FunctionalInterface
public interface RetrainRequest {
    /**
     * Sends the request. Throwing leaves the incident unmarked (no {@link Stage#RETRAINING} step, no cool-down).
     *
     * @param incident the open incident, with the finding that triggered the request
     * @param result   the check that found it
     */
    void send(Incident incident, CheckResult result);
}
