// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/tasks/Builder.java
// (extends BuildStepCompatibilityLayer in core, which implements the rest of BuildStep: left out)
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class Builder implements BuildStep, Describable<Builder>, ExtensionPoint {
    protected Builder() {
        // an implicit constructor in core; the stub is never instantiated
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public Descriptor<Builder> getDescriptor() {
        throw new UnsupportedOperationException("signature stub");
    }
}
