package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.AutoCompletionCandidates;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlstages.steps.OnFinding;
import io.mlstages.steps.StepCatalog;
import java.io.IOException;
import java.util.LinkedHashMap;
import jenkins.tasks.SimpleBuildStep;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step {@code modelDriftCheck}: checks a model's live data for drift, for scheduled drift-check
 * jobs ("Build periodically"). The same parameters and behaviour as the pipeline step {@code checkDrift} (both come
 * from the step catalog, and both run through {@link StepRunner}): the report on the build page, an incident for a
 * registered model, and the retrain job started when the incident's cool-down allows it.
 */
public class DriftCheckBuilder extends Builder implements SimpleBuildStep {
    private final String current;
    @CheckForNull
    private String model;
    @CheckForNull
    private String reference;
    @CheckForNull
    private String registry;
    @CheckForNull
    private String alias;
    @CheckForNull
    private String coolDown;
    @CheckForNull
    private String webhook;
    @CheckForNull
    private String webhookCredentialsId;
    @CheckForNull
    private String columns;
    @CheckForNull
    private String target;
    @CheckForNull
    private String prediction;
    @CheckForNull
    private Integer sketchK;
    @CheckForNull
    private Integer bins;
    @CheckForNull
    private Integer topK;
    @CheckForNull
    private Integer exactLimit;
    @CheckForNull
    private Double driftShare;
    @CheckForNull
    private Double alpha;
    @CheckForNull
    private String method;
    @CheckForNull
    private String threshold;
    @CheckForNull
    private String columnAlpha;
    @CheckForNull
    private Double missingRateFloor;
    private boolean noMissingDrift;
    private boolean noPooling;
    @CheckForNull
    private String format;
    @CheckForNull
    private String delimiter;
    @CheckForNull
    private String missing;
    @CheckForNull
    private String type;
    @CheckForNull
    private String schema;
    @CheckForNull
    private Integer inferRows;
    @CheckForNull
    private String onDrift;
    @CheckForNull
    private String retrainJob;

    /**
     * The step with its required parameters.
     *
     * @param current The current data: a path or an Ant glob in the workspace (several matching files are checked as one sample).
     */
    @DataBoundConstructor
    public DriftCheckBuilder(final String current) {
        this.current = StepValues.text(current);
    }

    /** The current data: a path or an Ant glob in the workspace (several matching files are checked as one sample). */
    public String getCurrent() {
        return current;
    }

    /** A registered model: its deployed version's training profile is the reference, and drift opens an incident. */
    @CheckForNull
    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(final String model) {
        this.model = StepValues.text(model);
    }

    /** Or: a profile or a dataset to compare with (no incident). */
    @CheckForNull
    public String getReference() {
        return reference;
    }

    @DataBoundSetter
    public void setReference(final String reference) {
        this.reference = StepValues.text(reference);
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

    /** The alias whose version is checked (default production). */
    @CheckForNull
    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(final String alias) {
        this.alias = StepValues.text(alias);
    }

    /** No second retrain within this time unless severity rose (default 6h). */
    @CheckForNull
    public String getCoolDown() {
        return coolDown;
    }

    @DataBoundSetter
    public void setCoolDown(final String coolDown) {
        this.coolDown = StepValues.text(coolDown);
    }

    /** POST a JSON message here when an incident opens, escalates or resolves. */
    @CheckForNull
    public String getWebhook() {
        return webhook;
    }

    @DataBoundSetter
    public void setWebhook(final String webhook) {
        this.webhook = StepValues.text(webhook);
    }

    /** A secret-text credential: the webhook's bearer token. */
    @CheckForNull
    public String getWebhookCredentialsId() {
        return webhookCredentialsId;
    }

    @DataBoundSetter
    public void setWebhookCredentialsId(final String webhookCredentialsId) {
        this.webhookCredentialsId = StepValues.text(webhookCredentialsId);
    }

    /** Compare only these columns. */
    @CheckForNull
    public String getColumns() {
        return columns;
    }

    @DataBoundSetter
    public void setColumns(final String columns) {
        this.columns = StepValues.text(columns);
    }

    /** The target column: reported apart, not counted. */
    @CheckForNull
    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(final String target) {
        this.target = StepValues.text(target);
    }

    /** The prediction column: reported apart, not counted. */
    @CheckForNull
    public String getPrediction() {
        return prediction;
    }

    @DataBoundSetter
    public void setPrediction(final String prediction) {
        this.prediction = StepValues.text(prediction);
    }

    /** KLL sketch size of the profiles built from a reference dataset. */
    @CheckForNull
    public Integer getSketchK() {
        return sketchK;
    }

    @DataBoundSetter
    public void setSketchK(final Integer sketchK) {
        this.sketchK = sketchK;
    }

    /** Histogram bins per numeric column. */
    @CheckForNull
    public Integer getBins() {
        return bins;
    }

    @DataBoundSetter
    public void setBins(final Integer bins) {
        this.bins = bins;
    }

    /** Categories kept by name per column. */
    @CheckForNull
    public Integer getTopK() {
        return topK;
    }

    @DataBoundSetter
    public void setTopK(final Integer topK) {
        this.topK = topK;
    }

    /** Up to this many values a numeric column keeps them all, for exact statistics. */
    @CheckForNull
    public Integer getExactLimit() {
        return exactLimit;
    }

    @DataBoundSetter
    public void setExactLimit(final Integer exactLimit) {
        this.exactLimit = exactLimit;
    }

    /** Share of drifted feature columns that makes dataset drift (default 0.5). */
    @CheckForNull
    public Double getDriftShare() {
        return driftShare;
    }

    @DataBoundSetter
    public void setDriftShare(final Double driftShare) {
        this.driftShare = driftShare;
    }

    /** Significance level of the per-column tests (default 0.05). */
    @CheckForNull
    public Double getAlpha() {
        return alpha;
    }

    @DataBoundSetter
    public void setAlpha(final Double alpha) {
        this.alpha = alpha;
    }

    /** Statistic per column, e.g. 'age=ks,city=chi-square'. */
    @CheckForNull
    public String getMethod() {
        return method;
    }

    @DataBoundSetter
    public void setMethod(final String method) {
        this.method = StepValues.text(method);
    }

    /** Effect-size floor per column, e.g. 'age=0.2'. */
    @CheckForNull
    public String getThreshold() {
        return threshold;
    }

    @DataBoundSetter
    public void setThreshold(final String threshold) {
        this.threshold = StepValues.text(threshold);
    }

    /** Significance level per column, e.g. 'age=0.01'. */
    @CheckForNull
    public String getColumnAlpha() {
        return columnAlpha;
    }

    @DataBoundSetter
    public void setColumnAlpha(final String columnAlpha) {
        this.columnAlpha = StepValues.text(columnAlpha);
    }

    /** Change of a column's missing rate that counts as drift when significant (default 0.1). */
    @CheckForNull
    public Double getMissingRateFloor() {
        return missingRateFloor;
    }

    @DataBoundSetter
    public void setMissingRateFloor(final Double missingRateFloor) {
        this.missingRateFloor = missingRateFloor;
    }

    /** A change in missing rate is reported but never drift. */
    public boolean isNoMissingDrift() {
        return noMissingDrift;
    }

    @DataBoundSetter
    public void setNoMissingDrift(final boolean noMissingDrift) {
        this.noMissingDrift = noMissingDrift;
    }

    /** Do not pool rare categories. */
    public boolean isNoPooling() {
        return noPooling;
    }

    @DataBoundSetter
    public void setNoPooling(final boolean noPooling) {
        this.noPooling = noPooling;
    }

    /** csv or jsonl (default: by file name). */
    @CheckForNull
    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(final String format) {
        this.format = StepValues.text(format);
    }

    /** CSV field separator; 'tab' for tabs (default ,). */
    @CheckForNull
    public String getDelimiter() {
        return delimiter;
    }

    @DataBoundSetter
    public void setDelimiter(final String delimiter) {
        this.delimiter = StepValues.text(delimiter);
    }

    /** Cell texts that mean missing (default NA,N/A,NaN,nan,null,NULL,None). */
    @CheckForNull
    public String getMissing() {
        return missing;
    }

    @DataBoundSetter
    public void setMissing(final String missing) {
        this.missing = StepValues.text(missing);
    }

    /** Column type overrides, e.g. 'zip=categorical,age=numeric'. */
    @CheckForNull
    public String getType() {
        return type;
    }

    @DataBoundSetter
    public void setType(final String type) {
        this.type = StepValues.text(type);
    }

    /** A schema file that replaces type inference. */
    @CheckForNull
    public String getSchema() {
        return schema;
    }

    @DataBoundSetter
    public void setSchema(final String schema) {
        this.schema = StepValues.text(schema);
    }

    /** Rows that decide inferred types; 0 reads the whole file first (default 10000). */
    @CheckForNull
    public Integer getInferRows() {
        return inferRows;
    }

    @DataBoundSetter
    public void setInferRows(final Integer inferRows) {
        this.inferRows = inferRows;
    }

    /** On dataset drift: mark the build UNSTABLE (default), FAIL it, or only REPORT. */
    @CheckForNull
    public String getOnDrift() {
        return onDrift;
    }

    @DataBoundSetter
    public void setOnDrift(final String onDrift) {
        this.onDrift = StepValues.text(onDrift);
    }

    /** The job to start when drift opens an incident and the cool-down allows it; it gets MODEL_NAME, MODEL_VERSION, INCIDENT_ID, DRIFTED_COLUMNS, DRIFT_REPORT_URL. */
    @CheckForNull
    public String getRetrainJob() {
        return retrainJob;
    }

    @DataBoundSetter
    public void setRetrainJob(final String retrainJob) {
        this.retrainJob = StepValues.text(retrainJob);
    }

    /** The parameter values by catalog name (unset ones null), for {@link io.mlstages.steps.Invocation#of}. */
    public LinkedHashMap<String, Object> values() {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        values.put("current", current);
        values.put("model", model);
        values.put("reference", reference);
        values.put("registry", registry);
        values.put("alias", alias);
        values.put("coolDown", coolDown);
        values.put("webhook", webhook);
        values.put("webhookCredentialsId", webhookCredentialsId);
        values.put("columns", columns);
        values.put("target", target);
        values.put("prediction", prediction);
        values.put("sketchK", sketchK);
        values.put("bins", bins);
        values.put("topK", topK);
        values.put("exactLimit", exactLimit);
        values.put("driftShare", driftShare);
        values.put("alpha", alpha);
        values.put("method", method);
        values.put("threshold", threshold);
        values.put("columnAlpha", columnAlpha);
        values.put("missingRateFloor", missingRateFloor);
        values.put("noMissingDrift", noMissingDrift);
        values.put("noPooling", noPooling);
        values.put("format", format);
        values.put("delimiter", delimiter);
        values.put("missing", missing);
        values.put("type", type);
        values.put("schema", schema);
        values.put("inferRows", inferRows);
        values.put("onDrift", onDrift);
        values.put("retrainJob", retrainJob);
        return values;
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
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
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

        @POST
        public FormValidation doCheckCurrent(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.required(Forms.canConfigure(item), value, "Current");
        }

        /** The secret-text credentials for {@code webhookCredentialsId}. */
        public ListBoxModel doFillWebhookCredentialsIdItems(@AncestorInPath final Item item, @QueryParameter final String webhookCredentialsId) {
            return Forms.secretTextItems(item, webhookCredentialsId);
        }

        @POST
        public FormValidation doCheckSketchK(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 1);
        }

        @POST
        public FormValidation doCheckBins(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 1);
        }

        @POST
        public FormValidation doCheckTopK(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 1);
        }

        @POST
        public FormValidation doCheckExactLimit(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 0);
        }

        @POST
        public FormValidation doCheckDriftShare(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        @POST
        public FormValidation doCheckAlpha(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        @POST
        public FormValidation doCheckMissingRateFloor(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        @POST
        public FormValidation doCheckInferRows(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 0);
        }

        /** The choices of {@code onDrift}. */
        public ListBoxModel doFillOnDriftItems() {
            return Forms.onFindingItems(OnFinding.UNSTABLE);
        }

        /** Job names for {@code retrainJob}, relative to the job being configured. */
        public AutoCompletionCandidates doAutoCompleteRetrainJob(@AncestorInPath final Item item,
                @QueryParameter final String value) {
            return Forms.jobNames(item, value);
        }

        @POST
        /** The model is a query parameter too, so the form re-checks the retrain job when the model changes. */
        public FormValidation doCheckRetrainJob(@AncestorInPath final Item item, @QueryParameter final String value,
                @QueryParameter final String model) {
            return Forms.retrainJob(item, value, model);
        }
    }
}
