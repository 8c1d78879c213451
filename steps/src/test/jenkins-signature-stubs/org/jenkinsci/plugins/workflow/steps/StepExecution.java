// Signature stub: jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException("signature stub");
    }

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException("signature stub");
    }

    public abstract boolean start() throws Exception;
}
