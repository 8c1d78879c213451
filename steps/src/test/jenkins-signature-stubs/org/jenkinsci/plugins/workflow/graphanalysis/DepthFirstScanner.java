// Signature stub: jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/DepthFirstScanner.java
package org.jenkinsci.plugins.workflow.graphanalysis;

public class DepthFirstScanner extends AbstractFlowScanner {
    public DepthFirstScanner() {
        throw new UnsupportedOperationException("signature stub");
    }
}
