// Signature stub: jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java
// (implements Saveable in workflow-api: left out; the plugin only adds actions)
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Action;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Actionable;

public abstract class FlowNode extends Actionable {
    private FlowNode() {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    public final <T extends Action> T getPersistentAction(@NonNull Class<T> type) {
        throw new UnsupportedOperationException("signature stub");
    }
}
