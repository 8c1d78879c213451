// Signature stub: jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java
package org.jenkinsci.plugins.workflow.steps;

import java.util.Map;
import java.util.Set;
import hudson.model.Descriptor;

public abstract class StepDescriptor extends Descriptor<Step> {
    protected StepDescriptor() {
        // an implicit constructor in workflow-step-api; the stub is never instantiated
    }

    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        throw new UnsupportedOperationException("signature stub");
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException("signature stub");
    }

    public boolean isAdvanced() {
        throw new UnsupportedOperationException("signature stub");
    }

    public boolean isMetaStep() {
        throw new UnsupportedOperationException("signature stub");
    }

    public Step newInstance(Map<String, Object> arguments) throws Exception {
        throw new UnsupportedOperationException("signature stub");
    }

    public String argumentsToString(Map<String, Object> namedArgs) {
        throw new UnsupportedOperationException("signature stub");
    }
}
