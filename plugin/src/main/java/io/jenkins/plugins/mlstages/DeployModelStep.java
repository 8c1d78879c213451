package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlstages.steps.StepCatalog;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlstages.steps.OnFinding;

/**
 * The pipeline step {@code deployModel}: deploy a model. Its parameters are exactly those of
 * {@code StepCatalog.step("deployModel")} (generated from it); it returns the result map described in docs/jenkins.md.
 * It needs a workspace: call it inside {@code node { }}.
 */
public class DeployModelStep extends DeployModelStepBase {
    /** The step with its required parameters (the rest are {@code @DataBoundSetter}s of the generated base). */
    @DataBoundConstructor
    public DeployModelStep(final String model) {
        super(model);
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(this, context);
    }

    /** Runs the step on a pool thread, through the shared {@link StepRunner}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient DeployModelStep step;

        Execution(final DeployModelStep step, final StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return StepRunner.of(getContext()).run(StepCatalog.DEPLOY, step.values());
        }
    }

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return StepCatalog.DEPLOY;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeployModelStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, FlowNode.class);
        }

        /** Empty number boxes of the snippet generator mean "not given", not 0. */
        @Override
        public Step newInstance(final StaplerRequest2 req, final JSONObject formData) throws FormException {
            return super.newInstance(req, Forms.withoutEmptyNumbers(StepCatalog.step(StepCatalog.DEPLOY), formData));
        }

        @POST
        public FormValidation doCheckModel(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.required(Forms.canConfigure(item), value, "Model");
        }

        @POST
        public FormValidation doCheckVersion(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 1);
        }

        @POST
        public FormValidation doCheckKeep(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 0);
        }

        /** The secret-text credentials for {@code credentialsId}. */
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath final Item item, @QueryParameter final String credentialsId) {
            return Forms.secretTextItems(item, credentialsId);
        }

        @POST
        public FormValidation doCheckAttempts(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 1);
        }

        /** The choices of {@code onFailure}. */
        public ListBoxModel doFillOnFailureItems() {
            return Forms.onFindingItems(OnFinding.FAIL);
        }
    }
}
