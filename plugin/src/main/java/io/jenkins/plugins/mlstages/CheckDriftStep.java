package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.mlstages.steps.StepCatalog;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The pipeline step {@code checkDrift}: check data for drift. Its parameters are exactly those of
 * {@code StepCatalog.step("checkDrift")} (generated from it); it returns the result map described in docs/jenkins.md.
 * It needs a workspace: call it inside {@code node { }}.
 */
public class CheckDriftStep extends CheckDriftStepBase {
    /** The step with its required parameters (the rest are {@code @DataBoundSetter}s of the generated base). */
    @DataBoundConstructor
    public CheckDriftStep(final String current) {
        super(current);
    }

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends CatalogStepDescriptor implements DriftCheckForms {
        @Override
        public String getFunctionName() {
            return StepCatalog.CHECK_DRIFT;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CheckDriftStep_DisplayName();
        }
    }
}
