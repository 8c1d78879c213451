package io.jenkins.plugins.mlstages;

import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs a pipeline step of the catalog on a pool thread, through the shared {@link StepRunner}. */
final class CatalogStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final transient CatalogStep step;

    CatalogStepExecution(final StepContext context, final CatalogStep step) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        return StepRunner.of(getContext()).run(step.getDescriptor().getFunctionName(), step.values());
    }
}
