package io.jenkins.plugins.mlstages;

import java.util.LinkedHashMap;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A pipeline step of the catalog: its generated base ({@code <Step>Base}, through the parameter groups
 * {@link DataReadingStep} and {@link DriftTestingStep}) puts its parameter values, its descriptor names it, and it
 * runs through {@link CatalogStepExecution} and {@link StepRunner}, the one code path of every ML step.
 */
public abstract class CatalogStep extends Step {
    /** Puts the parameter values by catalog name (unset ones null), in catalog order. */
    protected abstract void putValues(LinkedHashMap<String, Object> values);

    /** The parameter values by catalog name (unset ones null), for {@link io.mlstages.steps.Invocation#of}. */
    public final LinkedHashMap<String, Object> values() {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        putValues(values);
        return values;
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new CatalogStepExecution(context, this);
    }
}
