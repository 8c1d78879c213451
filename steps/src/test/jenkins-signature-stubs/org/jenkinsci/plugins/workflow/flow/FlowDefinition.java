// Signature stub: jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/flow/FlowDefinition.java
// (extends AbstractDescribableImpl implements ExtensionPoint; members left out: the tests only pass one on)
package org.jenkinsci.plugins.workflow.flow;

public abstract class FlowDefinition {
    protected FlowDefinition() {
        throw new UnsupportedOperationException("signature stub");
    }
}
