package io.jenkins.plugins.mlstages;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlstages.steps.StepCatalog;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * What the descriptors of the catalog's pipeline steps share: each needs a workspace (it runs inside
 * {@code node { }}), and its form binds as the catalog says. A descriptor adds its function name, display name and
 * form checks.
 */
public abstract class CatalogStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, FlowNode.class);
    }

    /** Empty number boxes of the snippet generator mean "not given", not 0. */
    @Override
    public Step newInstance(final StaplerRequest2 req, final JSONObject formData) throws FormException {
        return super.newInstance(req, Forms.withoutEmptyNumbers(StepCatalog.step(getFunctionName()), formData));
    }
}
