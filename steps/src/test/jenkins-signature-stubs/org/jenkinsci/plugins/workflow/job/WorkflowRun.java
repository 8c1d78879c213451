// Signature stub: jenkinsci/workflow-job-plugin src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowRun.java
// (implements FlowExecutionOwner.Executable, a Queue.Executable: kept as Queue.Executable; LazyLoadingRun and
// RunWithSCM left out)
package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Queue;
import hudson.model.Run;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements Queue.Executable {
    public WorkflowRun(WorkflowJob job) throws IOException {
        super(job);
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("signature stub");
    }

    public @CheckForNull FlowExecution getExecution() {
        throw new UnsupportedOperationException("signature stub");
    }
}
