// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStepDescriptor.java
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("signature stub");
    }

    protected BuildStepDescriptor() {
        // calls Descriptor() in core, which finds the described class itself; the stub is never instantiated
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
