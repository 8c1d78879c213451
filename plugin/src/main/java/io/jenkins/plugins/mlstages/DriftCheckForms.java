package io.jenkins.plugins.mlstages;

import hudson.model.AutoCompletionCandidates;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlstages.steps.OnFinding;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form checks and lists of the drift check, written once for the descriptors of {@code checkDrift} (a
 * {@code StepDescriptor}) and {@code modelDriftCheck} (a {@code BuildStepDescriptor}), which cannot share a
 * superclass; the checks of the drift-test and reading parameters come from {@link DriftTestingForms}.
 */
public interface DriftCheckForms extends DriftTestingForms {
    @POST
    default FormValidation doCheckCurrent(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.required(Forms.canConfigure(item), value, "Current");
    }

    /** The secret-text credentials for {@code webhookCredentialsId}. */
    default ListBoxModel doFillWebhookCredentialsIdItems(@AncestorInPath final Item item, @QueryParameter final String webhookCredentialsId) {
        return Forms.secretTextItems(item, webhookCredentialsId);
    }

    @POST
    default FormValidation doCheckSketchK(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.whole(Forms.canConfigure(item), value, 1);
    }

    @POST
    default FormValidation doCheckBins(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.whole(Forms.canConfigure(item), value, 1);
    }

    @POST
    default FormValidation doCheckTopK(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.whole(Forms.canConfigure(item), value, 1);
    }

    @POST
    default FormValidation doCheckExactLimit(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.whole(Forms.canConfigure(item), value, 0);
    }

    /** The choices of {@code onDrift}. */
    default ListBoxModel doFillOnDriftItems() {
        return Forms.onFindingItems(OnFinding.UNSTABLE);
    }

    /** Job names for {@code retrainJob}, relative to the job being configured. */
    default AutoCompletionCandidates doAutoCompleteRetrainJob(@AncestorInPath final Item item,
            @QueryParameter final String value) {
        return Forms.jobNames(item, value);
    }

    /** The model is a query parameter too, so the form re-checks the retrain job when the model changes. */
    @POST
    default FormValidation doCheckRetrainJob(@AncestorInPath final Item item, @QueryParameter final String value,
            @QueryParameter final String model) {
        return Forms.retrainJob(item, value, model);
    }
}
