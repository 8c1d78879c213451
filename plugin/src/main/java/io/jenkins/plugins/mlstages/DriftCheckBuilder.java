package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import io.mlstages.steps.StepCatalog;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The freestyle build step {@code modelDriftCheck}: checks a model's live data for drift, for scheduled drift-check
 * jobs ("Build periodically"). The same parameters and behaviour as the pipeline step {@code checkDrift} (both come
 * from the step catalog, and both run through {@link StepRunner}): the report on the build page, an incident for a
 * registered model, and the retrain job started when the incident's cool-down allows it.
 */
public class DriftCheckBuilder extends DriftCheckBuilderBase implements SimpleBuildStep {
    /** The build step with its required parameter (the rest are {@code @DataBoundSetter}s of the generated base). */
    @DataBoundConstructor
    public DriftCheckBuilder(final String current) {
        super(current);
    }

    @Override
    public void perform(@NonNull final Run<?, ?> run, @NonNull final FilePath workspace, @NonNull final EnvVars env,
            @NonNull final Launcher launcher, @NonNull final TaskListener listener)
            throws InterruptedException, IOException {
        new StepRunner(run, workspace, launcher, listener, env, null).run(StepCatalog.DRIFT_CHECK_BUILDER, values());
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    /** The build step's name, form and checks. */
    @Symbol(StepCatalog.DRIFT_CHECK_BUILDER)
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements DriftCheckForms {
        /** The help of every parameter is checkDrift's: one file each, under {@code CheckDriftStep/}. */
        public DescriptorImpl() {
            for (String name : StepCatalog.step(StepCatalog.DRIFT_CHECK_BUILDER).names()) {
                addHelpFileRedirect(name, CheckDriftStep.class, name);
            }
        }

        /** The same form as the pipeline step's Snippet Generator: CheckDriftStep's generated config.jelly. */
        @Override
        public String getConfigPage() {
            return "/" + CheckDriftStep.class.getName().replace('.', '/') + "/config.jelly";
        }

        @Override
        @SuppressWarnings("rawtypes") // the signature of BuildStepDescriptor
        public boolean isApplicable(final Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DriftCheckBuilder_DisplayName();
        }

        /** Empty number boxes mean "not given", not 0. */
        @Override
        public Builder newInstance(final StaplerRequest2 req, final JSONObject formData) throws FormException {
            return super.newInstance(req,
                    Forms.withoutEmptyNumbers(StepCatalog.step(StepCatalog.DRIFT_CHECK_BUILDER), formData));
        }
    }
}
