// Signature stub: jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/graphanalysis/AbstractFlowScanner.java
// (implements Iterator, Iterable, Filterator of FlowNode and has abstract members: left out, the tests only call
// allNodes on a DepthFirstScanner)
package org.jenkinsci.plugins.workflow.graphanalysis;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

public abstract class AbstractFlowScanner {
    protected AbstractFlowScanner() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public List<FlowNode> allNodes(@CheckForNull FlowExecution exec) {
        throw new UnsupportedOperationException("signature stub");
    }
}
