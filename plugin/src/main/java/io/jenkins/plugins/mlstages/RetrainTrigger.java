package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.StringParameterValue;
import hudson.model.TaskListener;
import io.mlstages.steps.RetrainParameters;
import io.mlstages.steps.StepException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

/**
 * Starts the retrain job when a drift check says a retrain is due: the job named relative to the checking job, with
 * the incident's parameters and an upstream cause, if the build may start it. Says in the log what it did or why not.
 */
final class RetrainTrigger {
    private final Run<?, ?> run;
    private final TaskListener listener;

    RetrainTrigger(final Run<?, ?> run, final TaskListener listener) {
        this.run = run;
        this.listener = listener;
    }

    /**
     * What was triggered, or why nothing was.
     *
     * @param triggered the full name of the job that was scheduled, or null
     * @param note      one sentence for the log, the result map and the build page
     */
    record Decision(@CheckForNull String triggered, String note) {
    }

    /**
     * Schedules the retrain job if the check result says a retrain is due and one is configured.
     *
     * @param result     the check's result map
     * @param jobName    the retrain job (relative to the checking job, or a full name), or null
     * @param reportUrl  the drift report's URL, passed on to the job
     */
    Decision trigger(final Map<String, Object> result, @CheckForNull final String jobName,
            @CheckForNull final String reportUrl) {
        Decision decision = decide(result, jobName, reportUrl);
        listener.getLogger().println("Retrain: " + decision.note());
        return decision;
    }

    private Decision decide(final Map<String, Object> result, @CheckForNull final String jobName,
            @CheckForNull final String reportUrl) {
        String reason = StepValues.text(result.get("retrainReason"));
        if (!Boolean.TRUE.equals(result.get("retrainDue"))) {
            return new Decision(null, "not due" + (reason == null ? "" : ": " + reason));
        }
        if (jobName == null) {
            return new Decision(null, "due" + (reason == null ? "" : " (" + reason + ")")
                    + ", but no retrainJob is configured");
        }
        Job<?, ?> job = Jenkins.get().getItem(jobName, run.getParent(), Job.class);
        if (job == null) {
            return new Decision(null, "due, but the retrain job '" + jobName + "' does not exist or this build "
                    + "cannot see it");
        }
        if (!job.hasPermission(Item.BUILD)) {
            return new Decision(null, "due, but this build may not start " + job.getFullName()
                    + " (it lacks the Job/Build permission there)");
        }
        if (!job.isBuildable()) {
            return new Decision(null, "due, but " + job.getFullName() + " is disabled or cannot be built");
        }
        Map<String, String> parameters;
        try {
            parameters = RetrainParameters.of(result, reportUrl);
        }
        catch (StepException e) {
            return new Decision(null, "due, but " + e.getMessage());
        }
        List<ParameterValue> values = new ArrayList<>();
        parameters.forEach((name, value) -> values.add(new StringParameterValue(name, value == null ? "" : value)));
        Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, 0,
                new CauseAction(new Cause.UpstreamCause(run)), new ParametersAction(values));
        if (item == null) {
            return new Decision(null, "due, but Jenkins refused to schedule " + job.getFullName());
        }
        return new Decision(job.getFullName(), "started " + job.getFullName() + " for incident "
                + parameters.get("INCIDENT_ID") + " (" + parameters.get("DRIFTED_COLUMNS") + ")");
    }
}
