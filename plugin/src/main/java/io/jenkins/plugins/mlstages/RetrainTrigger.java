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
import io.mlstages.steps.ReportLink;
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
     * @param reportLink the drift report's link, passed on to the job, or null
     * @param logged     whether to say in the log what was decided (not for a reference-only check, which has nothing
     *                   to do with retraining)
     */
    Decision trigger(final Map<String, Object> result, @CheckForNull final String jobName,
            @CheckForNull final ReportLink reportLink, final boolean logged) {
        Decision decision = decide(result, jobName, reportLink);
        if (logged) {
            listener.getLogger().println(Messages.RetrainTrigger_Log(decision.note()));
        }
        return decision;
    }

    private Decision decide(final Map<String, Object> result, @CheckForNull final String jobName,
            @CheckForNull final ReportLink reportLink) {
        String reason = StepValues.text(result.get("retrainReason"));
        if (!Boolean.TRUE.equals(result.get("retrainDue"))) {
            return new Decision(null, reason == null ? Messages.RetrainTrigger_NotDue()
                    : Messages.RetrainTrigger_NotDueBecause(reason));
        }
        if (jobName == null) {
            return new Decision(null, reason == null ? Messages.RetrainTrigger_DueWithoutJob()
                    : Messages.RetrainTrigger_DueWithoutJobBecause(reason));
        }
        Job<?, ?> job = Jenkins.get().getItem(jobName, run.getParent(), Job.class);
        if (job == null) {
            return new Decision(null, Messages.RetrainTrigger_NoSuchJob(jobName));
        }
        if (!job.hasPermission(Item.BUILD)) {
            return new Decision(null, Messages.RetrainTrigger_MayNotStart(job.getFullName()));
        }
        if (!job.isBuildable()) {
            return new Decision(null, Messages.RetrainTrigger_NotBuildable(job.getFullName()));
        }
        Map<String, String> parameters;
        try {
            parameters = RetrainParameters.of(result, reportLink == null ? null : reportLink.value());
        }
        catch (StepException e) {
            return new Decision(null, Messages.RetrainTrigger_NoParameters(e.getMessage()));
        }
        List<ParameterValue> values = new ArrayList<>();
        parameters.forEach((name, value) -> values.add(name.equals("DRIFT_REPORT_URL") && reportLink != null
                && reportLink.parameterDescription() != null
                // no root URL: the value is relative to it, and the parameter says so
                ? new StringParameterValue(name, value == null ? "" : value, reportLink.parameterDescription())
                : new StringParameterValue(name, value == null ? "" : value)));
        Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, 0,
                new CauseAction(new Cause.UpstreamCause(run)), new ParametersAction(values));
        if (item == null) {
            return new Decision(null, Messages.RetrainTrigger_NotScheduled(job.getFullName()));
        }
        return new Decision(job.getFullName(), Messages.RetrainTrigger_Started(job.getFullName(),
                parameters.get("INCIDENT_ID"), parameters.get("DRIFTED_COLUMNS")));
    }
}
