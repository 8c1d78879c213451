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

/**
 * The pipeline step {@code trainModel}: train a model. Its parameters are exactly those of
 * {@code StepCatalog.step("trainModel")} (generated from it); it returns the result map described in docs/jenkins.md.
 * It needs a workspace: call it inside {@code node { }}.
 */
public class TrainModelStep extends Step {
    private final String data;
    private final String target;
    private final String output;
    @CheckForNull
    private String algorithm;
    @CheckForNull
    private String command;
    @CheckForNull
    private String timeout;
    @CheckForNull
    private String features;
    @CheckForNull
    private String exclude;
    @CheckForNull
    private String task;
    @CheckForNull
    private String param;
    @CheckForNull
    private Integer seed;
    @CheckForNull
    private Double holdout;
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

    /**
     * The step with its required parameters.
     *
     * @param data The training data (CSV or JSON Lines), relative to the workspace.
     * @param target The column to predict.
     * @param output Where to write the model package: a folder, or a .zip file.
     */
    @DataBoundConstructor
    public TrainModelStep(final String data, final String target, final String output) {
        this.data = StepValues.text(data);
        this.target = StepValues.text(target);
        this.output = StepValues.text(output);
    }

    /** The training data (CSV or JSON Lines), relative to the workspace. */
    public String getData() {
        return data;
    }

    /** The column to predict. */
    public String getTarget() {
        return target;
    }

    /** Where to write the model package: a folder, or a .zip file. */
    public String getOutput() {
        return output;
    }

    /** logistic (classes), linear (numbers) or gbt (either); required unless command is given. */
    @CheckForNull
    public String getAlgorithm() {
        return algorithm;
    }

    @DataBoundSetter
    public void setAlgorithm(final String algorithm) {
        this.algorithm = StepValues.text(algorithm);
    }

    /** Train with your own program instead (run without a shell). */
    @CheckForNull
    public String getCommand() {
        return command;
    }

    @DataBoundSetter
    public void setCommand(final String command) {
        this.command = StepValues.text(command);
    }

    /** Longest an external trainer may run, e.g. 30m (default 2h). */
    @CheckForNull
    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(final String timeout) {
        this.timeout = StepValues.text(timeout);
    }

    /** The feature columns (default: every column but the target and exclude). */
    @CheckForNull
    public String getFeatures() {
        return features;
    }

    @DataBoundSetter
    public void setFeatures(final String features) {
        this.features = StepValues.text(features);
    }

    /** Columns never used as features. */
    @CheckForNull
    public String getExclude() {
        return exclude;
    }

    @DataBoundSetter
    public void setExclude(final String exclude) {
        this.exclude = StepValues.text(exclude);
    }

    /** binary, multiclass or regression (default: inferred). */
    @CheckForNull
    public String getTask() {
        return task;
    }

    @DataBoundSetter
    public void setTask(final String task) {
        this.task = StepValues.text(task);
    }

    /** Hyperparameters, e.g. 'l2=1.0,rounds=200,maxDepth=6'. */
    @CheckForNull
    public String getParam() {
        return param;
    }

    @DataBoundSetter
    public void setParam(final String param) {
        this.param = StepValues.text(param);
    }

    /** Seed of every random choice (default 42). */
    @CheckForNull
    public Integer getSeed() {
        return seed;
    }

    @DataBoundSetter
    public void setSeed(final Integer seed) {
        this.seed = seed;
    }

    /** Share of rows kept apart to measure the model; 0 for none (default 0.2). */
    @CheckForNull
    public Double getHoldout() {
        return holdout;
    }

    @DataBoundSetter
    public void setHoldout(final Double holdout) {
        this.holdout = holdout;
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

    /** The parameter values by catalog name (unset ones null), for {@link io.mlstages.steps.Invocation#of}. */
    public LinkedHashMap<String, Object> values() {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        values.put("data", data);
        values.put("target", target);
        values.put("output", output);
        values.put("algorithm", algorithm);
        values.put("command", command);
        values.put("timeout", timeout);
        values.put("features", features);
        values.put("exclude", exclude);
        values.put("task", task);
        values.put("param", param);
        values.put("seed", seed);
        values.put("holdout", holdout);
        values.put("format", format);
        values.put("delimiter", delimiter);
        values.put("missing", missing);
        values.put("type", type);
        values.put("schema", schema);
        values.put("inferRows", inferRows);
        return values;
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new Execution(this, context);
    }

    /** Runs the step on a pool thread, through the shared {@link StepRunner}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient TrainModelStep step;

        Execution(final TrainModelStep step, final StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return StepRunner.of(getContext()).run(StepCatalog.TRAIN, step.values());
        }
    }

    /** The step's name, display name and form. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return StepCatalog.TRAIN;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TrainModelStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, FlowNode.class);
        }

        /** Empty number boxes of the snippet generator mean "not given", not 0. */
        @Override
        public Step newInstance(final StaplerRequest2 req, final JSONObject formData) throws FormException {
            return super.newInstance(req, Forms.withoutEmptyNumbers(StepCatalog.step(StepCatalog.TRAIN), formData));
        }

        @POST
        public FormValidation doCheckData(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.required(Forms.canConfigure(item), value, "Data");
        }

        @POST
        public FormValidation doCheckTarget(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.required(Forms.canConfigure(item), value, "Target");
        }

        @POST
        public FormValidation doCheckOutput(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.required(Forms.canConfigure(item), value, "Output");
        }

        @POST
        public FormValidation doCheckSeed(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 0);
        }

        @POST
        public FormValidation doCheckHoldout(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.share(Forms.canConfigure(item), value);
        }

        @POST
        public FormValidation doCheckInferRows(@AncestorInPath final Item item, @QueryParameter final String value) {
            return Forms.whole(Forms.canConfigure(item), value, 0);
        }
    }
}
