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
 * The pipeline step {@code validateModel}: validate a model. Its parameters are exactly those of
 * {@code StepCatalog.step("validateModel")} (generated from it); it returns the result map described in docs/jenkins.md.
 * It needs a workspace: call it inside {@code node { }}.
 */
public class ValidateModelStep extends ValidateModelStepBase {
    /** The step with its required parameters (the rest are {@code @DataBoundSetter}s of the generated base). */
    @DataBoundConstructor
    public ValidateModelStep() {
        super();
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(this, context);
    }

    /** Runs the step on a pool thread, through the shared {@link StepRunner}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient ValidateModelStep step;

        Execution(final ValidateModelStep step, final StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return StepRunner.of(getContext()).run(StepCatalog.VALIDATE, step.values());
        }
    }

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return StepCatalog.VALIDATE;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ValidateModelStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, FlowNode.class);
        }

        /** Empty number boxes of the snippet generator mean "not given", not 0. */
        @Override
        public Step newInstance(final StaplerRequest2 req, final JSONObject formData) throws FormException {
            return super.newInstance(req, Forms.withoutEmptyNumbers(StepCatalog.step(StepCatalog.VALIDATE), formData));
        }

        @POST
        public FormValidation doCheckMaxMissingRate(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        @POST
        public FormValidation doCheckDriftShare(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        @POST
        public FormValidation doCheckAlpha(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        @POST
        public FormValidation doCheckMissingRateFloor(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        @POST
        public FormValidation doCheckInferRows(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 0);
        }

        /** The choices of {@code onFailure}. */
        public ListBoxModel doFillOnFailureItems() {
            return Forms.onFindingItems(OnFinding.FAIL);
        }
    }
}
