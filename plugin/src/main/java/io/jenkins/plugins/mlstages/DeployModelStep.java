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

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends CatalogStepDescriptor {
        @Override
        public String getFunctionName() {
            return StepCatalog.DEPLOY;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeployModelStep_DisplayName();
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

        /** The username-with-password credentials for {@code awsCredentialsId} (an AWS access key pair). */
        public ListBoxModel doFillAwsCredentialsIdItems(@AncestorInPath final Item item,
                @QueryParameter final String awsCredentialsId) {
            return Forms.usernamePasswordItems(item, awsCredentialsId);
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
