package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import io.mlstages.steps.StepCatalog;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import hudson.util.FormValidation;

/**
 * The pipeline step {@code trainModel}: train a model. Its parameters are exactly those of
 * {@code StepCatalog.step("trainModel")} (generated from it); it returns the result map described in docs/jenkins.md.
 * It needs a workspace: call it inside {@code node { }}.
 */
public class TrainModelStep extends TrainModelStepBase {
    /** The step with its required parameters (the rest are {@code @DataBoundSetter}s of the generated base). */
    @DataBoundConstructor
    public TrainModelStep(final String data, final String target, final String output) {
        super(data, target, output);
    }

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends CatalogStepDescriptor implements DataReadingForms {
        @Override
        public String getFunctionName() {
            return StepCatalog.TRAIN;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TrainModelStep_DisplayName();
        }

        @POST
        public FormValidation doCheckData(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.required(Forms.canConfigure(item), value, "Data");
        }

        @POST
        public FormValidation doCheckTarget(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.required(Forms.canConfigure(item), value, "Target");
        }

        @POST
        public FormValidation doCheckOutput(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.required(Forms.canConfigure(item), value, "Output");
        }

        @POST
        public FormValidation doCheckSeed(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 0);
        }

        @POST
        public FormValidation doCheckHoldout(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }
    }
}
