// Signature stub: jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java
package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;

public class WarningAction implements PersistentAction {
    public WarningAction(@NonNull Result result) {
        throw new UnsupportedOperationException("signature stub");
    }

    public WarningAction withMessage(String message) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("signature stub");
    }

    public @CheckForNull String getMessage() {
        throw new UnsupportedOperationException("signature stub");
    }

    public @NonNull Result getResult() {
        throw new UnsupportedOperationException("signature stub");
    }
}
