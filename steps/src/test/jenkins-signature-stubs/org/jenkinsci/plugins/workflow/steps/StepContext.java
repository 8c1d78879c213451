// Signature stub: jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java
// (implements Guava's FutureCallback<Object> as well: left out, with onFailure, saveState, newBodyInvoker; the
// plugin does not call them)
package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepContext() {
        // an implicit constructor in workflow-step-api; the stub is never instantiated
    }

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;
}
