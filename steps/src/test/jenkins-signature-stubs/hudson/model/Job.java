// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Job.java
// (ExtensionPoint, StaplerOverridable, ModelObjectWithChildren, OnMaster left out)
package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    public boolean isBuildable() {
        throw new UnsupportedOperationException("signature stub");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("signature stub");
    }

    public RunT getLastCompletedBuild() {
        throw new UnsupportedOperationException("signature stub");
    }

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException("signature stub");
    }
}
