// Signature stub: jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java
package org.jenkinsci.plugins.workflow.steps;

import java.util.Set;
import hudson.model.Descriptor;

public abstract class StepDescriptor extends Descriptor<Step> {
    protected StepDescriptor() {
        // an implicit constructor in workflow-step-api; the stub is never instantiated
    }

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
