// Signature stub: jenkinsci/jenkins core/src/main/java/jenkins/model/ParameterizedJobMixIn.java
// (instance members left out: the plugin calls the static helper only; ParameterizedJob extends BuildableItem,
// a Queue.Task, and TriggeredItem: kept as Queue.Task, which JenkinsRule.buildAndAssertStatus's bounds need)
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;

public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
        RunT extends Run<JobT, RunT> & Queue.Executable> {
    protected ParameterizedJobMixIn() {
        throw new UnsupportedOperationException("signature stub");
    }

    protected abstract JobT asJob();

    public static @CheckForNull Queue.Item scheduleBuild2(final Job<?, ?> job, int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("signature stub");
    }

    public interface ParameterizedJob<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
            RunT extends Run<JobT, RunT> & Queue.Executable> extends Queue.Task {
    }
}
