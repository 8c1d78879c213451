// Signature stub: jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java
// (implements Saveable in workflow-api: left out; the plugin only adds actions)
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;

public abstract class FlowNode extends Actionable {
    private FlowNode() {
        throw new UnsupportedOperationException("signature stub");
    }
}
