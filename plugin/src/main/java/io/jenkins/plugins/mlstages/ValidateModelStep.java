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

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends CatalogStepDescriptor implements DriftTestingForms {
        @Override
        public String getFunctionName() {
            return StepCatalog.VALIDATE;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ValidateModelStep_DisplayName();
        }

        @POST
        public FormValidation doCheckMaxMissingRate(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        /** The secret-text credentials for {@code webhookCredentialsId}. */
        public ListBoxModel doFillWebhookCredentialsIdItems(@AncestorInPath final Item item,
                @QueryParameter final String webhookCredentialsId) {
            return Forms.secretTextItems(item, webhookCredentialsId);
        }

        /** The choices of {@code onFailure}. */
        public ListBoxModel doFillOnFailureItems() {
            return Forms.onFindingItems(OnFinding.FAIL);
        }
    }
}
