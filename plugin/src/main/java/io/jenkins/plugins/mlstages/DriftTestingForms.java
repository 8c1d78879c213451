package io.jenkins.plugins.mlstages;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form checks of the drift-test parameters ({@link DriftTestingStep}) that {@code validateModel}'s data gates and
 * the drift checks share, written once for their descriptors (see {@link DataReadingForms} for how they are found).
 */
public interface DriftTestingForms extends DataReadingForms {
    @POST
    default FormValidation doCheckDriftShare(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.share(Forms.canConfigure(item), value);
    }

    @POST
    default FormValidation doCheckAlpha(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.share(Forms.canConfigure(item), value);
    }

    @POST
    default FormValidation doCheckMissingRateFloor(@AncestorInPath final Item item, @QueryParameter final String value) {
        return Forms.share(Forms.canConfigure(item), value);
    }
}
