package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlstages.steps.StepCatalog;
import java.util.LinkedHashMap;
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
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;
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
public class DeployModelStep extends Step {
    private final String model;
    @CheckForNull
    private Integer version;
    @CheckForNull
    private String packageValue;
    @CheckForNull
    private String registry;
    @CheckForNull
    private String alias;
    private boolean noRequireBlessing;
    private boolean force;
    @CheckForNull
    private String message;
    @CheckForNull
    private String target;
    @CheckForNull
    private Integer keep;
    @CheckForNull
    private String credentialsId;
    @CheckForNull
    private String tokenFile;
    @CheckForNull
    private String connectTimeout;
    @CheckForNull
    private String requestTimeout;
    @CheckForNull
    private Integer attempts;
    @CheckForNull
    private String backoff;
    @CheckForNull
    private String maxBackoff;
    @CheckForNull
    private String maxRetryAfter;
    @CheckForNull
    private String onFailure;

    /**
     * The step with its required parameters.
     *
     * @param model The model's name in the registry.
     */
    @DataBoundConstructor
    public DeployModelStep(final String model) {
        this.model = StepValues.text(model);
    }

    /** The model's name in the registry. */
    public String getModel() {
        return model;
    }

    /** Deploy this registered version. */
    @CheckForNull
    public Integer getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(final Integer version) {
        this.version = version;
    }

    /** Register this package (folder or zip) as the next version, then deploy it. */
    @CheckForNull
    public String getPackage() {
        return packageValue;
    }

    @DataBoundSetter
    public void setPackage(final String packageValue) {
        this.packageValue = StepValues.text(packageValue);
    }

    /** The model registry folder (default: the global setting). */
    @CheckForNull
    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(final String registry) {
        this.registry = StepValues.text(registry);
    }

    /** The alias to move (default production). */
    @CheckForNull
    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(final String alias) {
        this.alias = StepValues.text(alias);
    }

    /** Deploy a version without a blessing. */
    public boolean isNoRequireBlessing() {
        return noRequireBlessing;
    }

    @DataBoundSetter
    public void setNoRequireBlessing(final boolean noRequireBlessing) {
        this.noRequireBlessing = noRequireBlessing;
    }

    /** Deploy an unblessed version anyway; recorded as forced in the history. */
    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(final boolean force) {
        this.force = force;
    }

    /** Why: recorded in the alias history. */
    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(final String message) {
        this.message = StepValues.text(message);
    }

    /** Where it goes, in order: 'directory=/srv/models,http=https://…'; the registry alias always moves last. */
    @CheckForNull
    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(final String target) {
        this.target = StepValues.text(target);
    }

    /** Directory targets keep the K newest version folders; 0 keeps all (default). */
    @CheckForNull
    public Integer getKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(final Integer keep) {
        this.keep = keep;
    }

    /** A secret-text credential: the http targets' bearer token. Never printed. */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(final String credentialsId) {
        this.credentialsId = StepValues.text(credentialsId);
    }

    /** Or: a file on the agent whose first line is the token. */
    @CheckForNull
    public String getTokenFile() {
        return tokenFile;
    }

    @DataBoundSetter
    public void setTokenFile(final String tokenFile) {
        this.tokenFile = StepValues.text(tokenFile);
    }

    /** Per attempt (default 5s). */
    @CheckForNull
    public String getConnectTimeout() {
        return connectTimeout;
    }

    @DataBoundSetter
    public void setConnectTimeout(final String connectTimeout) {
        this.connectTimeout = StepValues.text(connectTimeout);
    }

    /** Per attempt (default 30s). */
    @CheckForNull
    public String getRequestTimeout() {
        return requestTimeout;
    }

    @DataBoundSetter
    public void setRequestTimeout(final String requestTimeout) {
        this.requestTimeout = StepValues.text(requestTimeout);
    }

    /** Attempts of an http target, the first included (default 5). */
    @CheckForNull
    public Integer getAttempts() {
        return attempts;
    }

    @DataBoundSetter
    public void setAttempts(final Integer attempts) {
        this.attempts = attempts;
    }

    /** Wait before the second attempt, doubled each time (default 500ms). */
    @CheckForNull
    public String getBackoff() {
        return backoff;
    }

    @DataBoundSetter
    public void setBackoff(final String backoff) {
        this.backoff = StepValues.text(backoff);
    }

    /** The longest wait between attempts (default 30s). */
    @CheckForNull
    public String getMaxBackoff() {
        return maxBackoff;
    }

    @DataBoundSetter
    public void setMaxBackoff(final String maxBackoff) {
        this.maxBackoff = StepValues.text(maxBackoff);
    }

    /** The longest Retry-After a server may ask for (default 120s). */
    @CheckForNull
    public String getMaxRetryAfter() {
        return maxRetryAfter;
    }

    @DataBoundSetter
    public void setMaxRetryAfter(final String maxRetryAfter) {
        this.maxRetryAfter = StepValues.text(maxRetryAfter);
    }

    /** When the deployment is refused or a target fails: FAIL the build (default), mark it UNSTABLE, or only REPORT. */
    @CheckForNull
    public String getOnFailure() {
        return onFailure;
    }

    @DataBoundSetter
    public void setOnFailure(final String onFailure) {
        this.onFailure = StepValues.text(onFailure);
    }

    /** The parameter values by catalog name (unset ones null), for {@link io.mlstages.steps.Invocation#of}. */
    public LinkedHashMap<String, Object> values() {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        values.put("model", model);
        values.put("version", version);
        values.put("package", packageValue);
        values.put("registry", registry);
        values.put("alias", alias);
        values.put("noRequireBlessing", noRequireBlessing);
        values.put("force", force);
        values.put("message", message);
        values.put("target", target);
        values.put("keep", keep);
        values.put("credentialsId", credentialsId);
        values.put("tokenFile", tokenFile);
        values.put("connectTimeout", connectTimeout);
        values.put("requestTimeout", requestTimeout);
        values.put("attempts", attempts);
        values.put("backoff", backoff);
        values.put("maxBackoff", maxBackoff);
        values.put("maxRetryAfter", maxRetryAfter);
        values.put("onFailure", onFailure);
        return values;
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(this, context);
    }

    /** Runs the step on a pool thread, through the shared {@link StepRunner}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient DeployModelStep step;

        Execution(final DeployModelStep step, final StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return StepRunner.of(getContext()).run(StepCatalog.DEPLOY, step.values());
        }
    }

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return StepCatalog.DEPLOY;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeployModelStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, FlowNode.class);
        }

        /** Empty number boxes of the snippet generator mean "not given", not 0. */
        @Override
        public Step newInstance(final StaplerRequest2 req, final JSONObject formData) throws FormException {
            return super.newInstance(req, Forms.withoutEmptyNumbers(StepCatalog.step(StepCatalog.DEPLOY), formData));
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
