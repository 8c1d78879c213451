package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.mlstages.steps.ChildJvm;
import io.mlstages.steps.DecimalSettings;
import java.util.Arrays;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The global ML Stages settings (Manage Jenkins › System): the model registry every step uses unless it names its own,
 * default drift thresholds, and how the engine's JVM starts on agents. Configuration as Code sets them through the
 * symbol {@code mlStages}.
 */
@Extension
@Symbol("mlStages")
public class MlStagesConfiguration extends GlobalConfiguration {
    static final String DEFAULT_JVM_OPTIONS = String.join(" ", ChildJvm.DEFAULT_OPTIONS);

    private String registry;
    private Double driftShare;
    private Double alpha;
    private String coolDown;
    private String javaPath;
    private String jvmOptions = DEFAULT_JVM_OPTIONS;

    public MlStagesConfiguration() {
        load();
    }

    /** The instance Jenkins holds. */
    @NonNull
    public static MlStagesConfiguration get() {
        MlStagesConfiguration configuration = GlobalConfiguration.all().get(MlStagesConfiguration.class);
        if (configuration == null) {
            throw new IllegalStateException("The ML Stages configuration is not registered");
        }
        return configuration;
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.MlStagesConfiguration_DisplayName();
    }

    /** The model registry folder: a path every agent running ML steps can reach (a shared volume); null if unset. */
    @CheckForNull
    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(final String registry) {
        this.registry = StepValues.text(registry);
        save();
    }

    /** The default share of drifted columns that makes dataset drift; null leaves the engine's default. */
    @CheckForNull
    public Double getDriftShare() {
        return driftShare;
    }

    /** Also what Configuration as Code binds (see {@link MlStagesConfigurator}); out of range fails, naming the field. */
    @DataBoundSetter
    public void setDriftShare(@CheckForNull final Double driftShare) {
        this.driftShare = DecimalSettings.share("driftShare", driftShare);
        save();
    }

    /** The default significance level of the per-column tests; null leaves the engine's default. */
    @CheckForNull
    public Double getAlpha() {
        return alpha;
    }

    @DataBoundSetter
    public void setAlpha(@CheckForNull final Double alpha) {
        this.alpha = DecimalSettings.share("alpha", alpha);
        save();
    }

    /** The default time between two retrains of one model (e.g. {@code 6h}); null leaves the engine's default. */
    @CheckForNull
    public String getCoolDown() {
        return coolDown;
    }

    @DataBoundSetter
    public void setCoolDown(final String coolDown) {
        this.coolDown = StepValues.text(coolDown);
        save();
    }

    /** The java executable on agents; null runs the agent's own JVM's java. */
    @CheckForNull
    public String getJavaPath() {
        return javaPath;
    }

    @DataBoundSetter
    public void setJavaPath(final String javaPath) {
        this.javaPath = StepValues.text(javaPath);
        save();
    }

    /** The child JVM's options, separated by spaces. */
    @NonNull
    public String getJvmOptions() {
        return jvmOptions == null ? DEFAULT_JVM_OPTIONS : jvmOptions;
    }

    @DataBoundSetter
    public void setJvmOptions(final String jvmOptions) {
        String text = StepValues.text(jvmOptions);
        this.jvmOptions = text == null ? DEFAULT_JVM_OPTIONS : text;
        save();
    }

    /** The child JVM's options as words. */
    @NonNull
    List<String> jvmOptionWords() {
        return Arrays.stream(getJvmOptions().trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * Binds the form by hand: an empty number box must mean "no default" (null), where the generic binding would make
     * it 0.
     */
    @Override
    public boolean configure(final StaplerRequest2 req, final JSONObject json) throws FormException {
        registry = StepValues.text(json.optString("registry", null));
        driftShare = number(json, "driftShare");
        alpha = number(json, "alpha");
        coolDown = StepValues.text(json.optString("coolDown", null));
        javaPath = StepValues.text(json.optString("javaPath", null));
        String options = StepValues.text(json.optString("jvmOptions", null));
        jvmOptions = options == null ? DEFAULT_JVM_OPTIONS : options;
        save();
        return true;
    }

    @CheckForNull
    private static Double number(final JSONObject json, final String field) throws FormException {
        try {
            return DecimalSettings.share(field, json.optString(field, null));
        }
        catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), e, field);
        }
    }

    @POST
    public FormValidation doCheckDriftShare(@QueryParameter final String value) {
        return Forms.share(Jenkins.get().hasPermission(Jenkins.ADMINISTER), value);
    }

    @POST
    public FormValidation doCheckAlpha(@QueryParameter final String value) {
        return Forms.share(Jenkins.get().hasPermission(Jenkins.ADMINISTER), value);
    }
}
