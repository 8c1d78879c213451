// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Job.java
// (ExtensionPoint, StaplerOverridable, ModelObjectWithChildren, OnMaster left out)
package hudson.model;

import hudson.util.RunList;
import java.io.IOException;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("signature stub");
    }

    public abstract boolean isBuildable();

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("signature stub");
    }

    public void addProperty(JobProperty<? super JobT> jobProp) throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    public RunList<RunT> getBuilds() {
        throw new UnsupportedOperationException("signature stub");
    }
}
