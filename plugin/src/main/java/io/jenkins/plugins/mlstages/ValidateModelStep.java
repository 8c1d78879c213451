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
 * The pipeline step {@code validateModel}: validate a model. Its parameters are exactly those of
 * {@code StepCatalog.step("validateModel")} (generated from it); it returns the result map described in docs/jenkins.md.
 * It needs a workspace: call it inside {@code node { }}.
 */
public class ValidateModelStep extends Step {
    @CheckForNull
    private String model;
    @CheckForNull
    private String predictions;
    @CheckForNull
    private String data;
    @CheckForNull
    private String min;
    @CheckForNull
    private String max;
    @CheckForNull
    private String baseline;
    @CheckForNull
    private String registry;
    @CheckForNull
    private String registryModel;
    @CheckForNull
    private String baselineAlias;
    @CheckForNull
    private String baselinePredictions;
    @CheckForNull
    private String minImprovement;
    @CheckForNull
    private String maxRegression;
    @CheckForNull
    private String minRelativeImprovement;
    @CheckForNull
    private String maxRelativeRegression;
    @CheckForNull
    private Double maxMissingRate;
    private boolean noDataGates;
    private boolean noBless;
    @CheckForNull
    private String task;
    @CheckForNull
    private String actualColumn;
    @CheckForNull
    private String predictedColumn;
    @CheckForNull
    private String probabilityPrefix;
    @CheckForNull
    private String positiveClass;
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
    private String onFailure;

    /**
     * The step with its required parameters.
     *

     */
    @DataBoundConstructor
    public ValidateModelStep() {

    }

    /** The candidate model package (written by trainModel). */
    @CheckForNull
    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(final String model) {
        this.model = StepValues.text(model);
    }

    /** Instead of model: predictions made elsewhere, next to the true values. */
    @CheckForNull
    public String getPredictions() {
        return predictions;
    }

    @DataBoundSetter
    public void setPredictions(final String predictions) {
        this.predictions = StepValues.text(predictions);
    }

    /** The evaluation data; required with model. */
    @CheckForNull
    public String getData() {
        return data;
    }

    @DataBoundSetter
    public void setData(final String data) {
        this.data = StepValues.text(data);
    }

    /** Lower bounds, e.g. 'accuracy=0.9,auc=0.95'. */
    @CheckForNull
    public String getMin() {
        return min;
    }

    @DataBoundSetter
    public void setMin(final String min) {
        this.min = StepValues.text(min);
    }

    /** Upper bounds, e.g. 'rmse=120'. */
    @CheckForNull
    public String getMax() {
        return max;
    }

    @DataBoundSetter
    public void setMax(final String max) {
        this.max = StepValues.text(max);
    }

    /** A baseline model package scored on the same data. */
    @CheckForNull
    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(final String baseline) {
        this.baseline = StepValues.text(baseline);
    }

    /** The model registry folder (default: the global setting); used with registryModel. */
    @CheckForNull
    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(final String registry) {
        this.registry = StepValues.text(registry);
    }

    /** Take the baseline from the registry: the version baselineAlias points at. */
    @CheckForNull
    public String getRegistryModel() {
        return registryModel;
    }

    @DataBoundSetter
    public void setRegistryModel(final String registryModel) {
        this.registryModel = StepValues.text(registryModel);
    }

    /** The registry alias of the baseline (default production). */
    @CheckForNull
    public String getBaselineAlias() {
        return baselineAlias;
    }

    @DataBoundSetter
    public void setBaselineAlias(final String baselineAlias) {
        this.baselineAlias = StepValues.text(baselineAlias);
    }

    /** Instead of baseline: its predictions file. */
    @CheckForNull
    public String getBaselinePredictions() {
        return baselinePredictions;
    }

    @DataBoundSetter
    public void setBaselinePredictions(final String baselinePredictions) {
        this.baselinePredictions = StepValues.text(baselinePredictions);
    }

    /** Better than the baseline by at least DELTA: 'auc=0.01'. */
    @CheckForNull
    public String getMinImprovement() {
        return minImprovement;
    }

    @DataBoundSetter
    public void setMinImprovement(final String minImprovement) {
        this.minImprovement = StepValues.text(minImprovement);
    }

    /** Worse than the baseline by at most DELTA: 'auc=0.005'. */
    @CheckForNull
    public String getMaxRegression() {
        return maxRegression;
    }

    @DataBoundSetter
    public void setMaxRegression(final String maxRegression) {
        this.maxRegression = StepValues.text(maxRegression);
    }

    /** Better than the baseline by at least this fraction of its value. */
    @CheckForNull
    public String getMinRelativeImprovement() {
        return minRelativeImprovement;
    }

    @DataBoundSetter
    public void setMinRelativeImprovement(final String minRelativeImprovement) {
        this.minRelativeImprovement = StepValues.text(minRelativeImprovement);
    }

    /** Worse than the baseline by at most this fraction of its value. */
    @CheckForNull
    public String getMaxRelativeRegression() {
        return maxRelativeRegression;
    }

    @DataBoundSetter
    public void setMaxRelativeRegression(final String maxRelativeRegression) {
        this.maxRelativeRegression = StepValues.text(maxRelativeRegression);
    }

    /** Data gate: no feature missing in more than this share of rows (default 0.2). */
    @CheckForNull
    public Double getMaxMissingRate() {
        return maxMissingRate;
    }

    @DataBoundSetter
    public void setMaxMissingRate(final Double maxMissingRate) {
        this.maxMissingRate = maxMissingRate;
    }

    /** Leave out the schema, missing-value and drift gates. */
    public boolean isNoDataGates() {
        return noDataGates;
    }

    @DataBoundSetter
    public void setNoDataGates(final boolean noDataGates) {
        this.noDataGates = noDataGates;
    }

    /** Do not write (or remove) the package's blessing. */
    public boolean isNoBless() {
        return noBless;
    }

    @DataBoundSetter
    public void setNoBless(final boolean noBless) {
        this.noBless = noBless;
    }

    /** With predictions: binary, multiclass or regression. */
    @CheckForNull
    public String getTask() {
        return task;
    }

    @DataBoundSetter
    public void setTask(final String task) {
        this.task = StepValues.text(task);
    }

    /** With predictions: the true value column (default actual). */
    @CheckForNull
    public String getActualColumn() {
        return actualColumn;
    }

    @DataBoundSetter
    public void setActualColumn(final String actualColumn) {
        this.actualColumn = StepValues.text(actualColumn);
    }

    /** With predictions: the predicted value or class column (default predicted). */
    @CheckForNull
    public String getPredictedColumn() {
        return predictedColumn;
    }

    @DataBoundSetter
    public void setPredictedColumn(final String predictedColumn) {
        this.predictedColumn = StepValues.text(predictedColumn);
    }

    /** With predictions: prefix of the class probability columns (default p_). */
    @CheckForNull
    public String getProbabilityPrefix() {
        return probabilityPrefix;
    }

    @DataBoundSetter
    public void setProbabilityPrefix(final String probabilityPrefix) {
        this.probabilityPrefix = StepValues.text(probabilityPrefix);
    }

    /** With predictions: the positive class of a binary task (default: the second). */
    @CheckForNull
    public String getPositiveClass() {
        return positiveClass;
    }

    @DataBoundSetter
    public void setPositiveClass(final String positiveClass) {
        this.positiveClass = StepValues.text(positiveClass);
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

    /** When a gate fails: FAIL the build (default), mark it UNSTABLE, or only REPORT. */
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
        values.put("predictions", predictions);
        values.put("data", data);
        values.put("min", min);
        values.put("max", max);
        values.put("baseline", baseline);
        values.put("registry", registry);
        values.put("registryModel", registryModel);
        values.put("baselineAlias", baselineAlias);
        values.put("baselinePredictions", baselinePredictions);
        values.put("minImprovement", minImprovement);
        values.put("maxRegression", maxRegression);
        values.put("minRelativeImprovement", minRelativeImprovement);
        values.put("maxRelativeRegression", maxRelativeRegression);
        values.put("maxMissingRate", maxMissingRate);
        values.put("noDataGates", noDataGates);
        values.put("noBless", noBless);
        values.put("task", task);
        values.put("actualColumn", actualColumn);
        values.put("predictedColumn", predictedColumn);
        values.put("probabilityPrefix", probabilityPrefix);
        values.put("positiveClass", positiveClass);
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

        private final transient ValidateModelStep step;

        Execution(final ValidateModelStep step, final StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return StepRunner.of(getContext()).run(StepCatalog.VALIDATE, step.values());
        }
    }

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return StepCatalog.VALIDATE;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ValidateModelStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, FlowNode.class);
        }

        /** Empty number boxes of the snippet generator mean "not given", not 0. */
        @Override
        public Step newInstance(final StaplerRequest2 req, final JSONObject formData) throws FormException {
            return super.newInstance(req, Forms.withoutEmptyNumbers(StepCatalog.step(StepCatalog.VALIDATE), formData));
        }

        @POST
        public FormValidation doCheckMaxMissingRate(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
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

        /** The choices of {@code onFailure}. */
        public ListBoxModel doFillOnFailureItems() {
            return Forms.onFindingItems(OnFinding.FAIL);
        }
    }
}
