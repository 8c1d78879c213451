// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/AbstractProject.java
// (implements BuildableItem, a Queue.Task: kept as Queue.Task; LazyLoadingJob and other supertypes and members left
// out)
package hudson.model;

import java.io.IOException;
import jenkins.model.ParameterizedJobMixIn;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R>
        implements Queue.Task, ParameterizedJobMixIn.ParameterizedJob<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public boolean isBuildable() {
        throw new UnsupportedOperationException("signature stub");
    }

    public void setAssignedLabel(Label l) throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }
}
