package io.jenkins.plugins.mlstages;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form checks of the parameters every data-reading step takes ({@link DataReadingStep}), written once for their
 * descriptors. Stapler finds web methods on interfaces too (its {@code ClassDescriptor} walks the class and interface
 * hierarchy), and Jenkins looks {@code doCheck}/{@code doFill} methods up among the descriptor's public methods
 * ({@code Class.getMethods()}), which include these defaults.
 */
public interface DataReadingForms {
    @POST
    default FormValidation doCheckInferRows(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.whole(Forms.canConfigure(item), value, 0);
    }

    /** The username-with-password credentials for {@code awsCredentialsId} (an AWS access key pair). */
    default ListBoxModel doFillAwsCredentialsIdItems(@AncestorInPath final Item item,
            @QueryParameter final String awsCredentialsId) {
        return Forms.usernamePasswordItems(item, awsCredentialsId);
    }
}
