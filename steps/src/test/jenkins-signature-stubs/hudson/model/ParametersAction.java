// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/ParametersAction.java
// (implements RunAction2, Iterable, QueueAction, EnvironmentContributingAction, LabelAssignmentAction in core:
// left out, Action kept)
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

public class ParametersAction implements Action {
    public ParametersAction(@NonNull List<ParameterValue> parameters) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("signature stub");
    }

    public ParameterValue getParameter(String name) {
        throw new UnsupportedOperationException("signature stub");
    }
}
