// Signature stub: jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowJob.java
// (BuildableItem, LazyLoadingJob, FlyweightTask, SCMTriggerItem left out; Queue.Task, which BuildableItem extends,
// kept; ParameterizedJob is implemented raw there as here)
package org.jenkinsci.plugins.workflow.job;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.TopLevelItem;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

@SuppressWarnings("rawtypes")
public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun>
        implements ParameterizedJobMixIn.ParameterizedJob, TopLevelItem, Queue.Task {
    public WorkflowJob(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public boolean isBuildable() {
        throw new UnsupportedOperationException("signature stub");
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException("signature stub");
    }
}
