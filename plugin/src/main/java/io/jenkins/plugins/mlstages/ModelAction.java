package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import hudson.model.Run;
import io.mlstages.steps.DeploymentSummary;
import io.mlstages.steps.StepException;
import io.mlstages.steps.ValidationView;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code validateModel} or {@code deployModel} call on the build page. A validation has a summary (verdict, gate
 * counts, headline metrics, the comparison with the champion, failed gates) and a report page rendered from the report
 * JSON kept in the build's folder; a deployment has only a summary, taken from the step's result map. The fields are
 * JDK types only (the action is saved in build.xml); parsing and formatting happen in {@link ValidationView} and
 * {@link DeploymentSummary}.
 */
public class ModelAction extends ReportAction {
    private static final Logger LOGGER = Logger.getLogger(ModelAction.class.getName());
    private static final Map<Run<?, ?>, Integer> RESERVED = new WeakHashMap<>();
    /** The report file in {@code <build>/mlstages/<id>/}. */
    static final String REPORT = "validation.json";
    /** How many metrics the summary names. */
    static final int HEADLINE = 4;

    private final boolean validation;
    @CheckForNull
    private final String model;

    // a validation's summary
    private final boolean passed;
    private final int gatesPassed;
    private final int gates;
    private final ArrayList<String> failedGates;
    @CheckForNull
    private final String baseline;
    private final boolean champion;
    /** The validated package as the step named it ({@code model} parameter), or null (predictions). */
    @CheckForNull
    private final String location;

    // a deployment's summary
    @CheckForNull
    private final Integer version;
    @CheckForNull
    private final String alias;
    @CheckForNull
    private final Integer previousVersion;
    private final boolean deployed;
    @CheckForNull
    private final String refused;
    private final ArrayList<String> targetsOk;
    private final ArrayList<String> targetsFailed;
    @CheckForNull
    private final String mitigatedIncident;
    /** Whether an unblessed version went out; null in build.xml files written before this field existed. */
    @CheckForNull
    private final Boolean forced;
    @CheckForNull
    private final ArrayList<String> skippedGates;

    private transient ValidationView view;

    private ModelAction(final String id, final boolean validation, @CheckForNull final String model,
            final boolean passed, final int gatesPassed, final int gates, final List<String> failedGates,
            @CheckForNull final String baseline, final boolean champion, @CheckForNull final String location,
            @CheckForNull final Integer version, @CheckForNull final String alias,
            @CheckForNull final Integer previousVersion, final boolean deployed, @CheckForNull final String refused,
            final List<String> targetsOk, final List<String> targetsFailed, @CheckForNull final String mitigatedIncident,
            final boolean forced, final List<String> skippedGates) {
        super(id);
        this.validation = validation;
        this.model = model;
        this.passed = passed;
        this.gatesPassed = gatesPassed;
        this.gates = gates;
        this.failedGates = new ArrayList<>(failedGates);
        this.baseline = baseline;
        this.champion = champion;
        this.location = location;
        this.version = version;
        this.alias = alias;
        this.previousVersion = previousVersion;
        this.deployed = deployed;
        this.refused = refused;
        this.targetsOk = new ArrayList<>(targetsOk);
        this.targetsFailed = new ArrayList<>(targetsFailed);
        this.mitigatedIncident = mitigatedIncident;
        this.forced = forced;
        this.skippedGates = new ArrayList<>(skippedGates);
    }

    /** The id of this build's next validation report: {@code validation}, then {@code validation-2}, … */
    static String nextValidationId(final Run<?, ?> run) {
        return nextId(RESERVED, run, "validation",
                (int) run.getActions(ModelAction.class).stream().filter(ModelAction::isValidation).count());
    }

    /**
     * Copies a validation's report from the workspace into the build's folder and adds its action to the build.
     *
     * @param location the validated package as the step named it, or null
     * @return the action, or null when the engine wrote no report file or it cannot be read as one
     */
    @CheckForNull
    static ModelAction recordValidation(final Run<?, ?> run, final FilePath workspace, final String id,
            final Map<String, Object> result, @CheckForNull final String location)
            throws IOException, InterruptedException {
        String reportFile = StepValues.text(result.get("reportFile"));
        File report = keep(run, workspace, id, reportFile, REPORT);
        if (report == null) {
            return null;
        }
        ValidationView parsed;
        try {
            parsed = ValidationView.parse(Files.readString(report.toPath(), StandardCharsets.UTF_8), reportFile);
        }
        catch (StepException e) {
            LOGGER.log(Level.WARNING, "Unreadable validation report " + reportFile, e);
            return null;
        }
        ValidationView.Model base = parsed.baseline();
        ModelAction action = new ModelAction(id, true, parsed.model().label(), parsed.passed(), parsed.gatesPassed(),
                parsed.gates().size(), parsed.failedGates().stream().map(ValidationView.Gate::name).toList(),
                base == null ? null : base.label(), base != null && !base.version().isEmpty(), location, null, null,
                null, false, null, List.of(), List.of(), null, false, List.of());
        action.view = parsed;
        run.addAction(action);
        run.save();
        return action;
    }

    /**
     * Adds a deployment's summary to the build, from the step's result map.
     *
     * @param skippedGates the gates that failed when this build validated the deployed package
     * @return the action, or null when the map names no model (the engine resolved nothing to deploy)
     */
    @CheckForNull
    static ModelAction recordDeployment(final Run<?, ?> run, final Map<String, Object> result,
            final List<String> skippedGates) throws IOException {
        DeploymentSummary summary;
        try {
            summary = DeploymentSummary.of(result).withSkippedGates(skippedGates);
        }
        catch (StepException e) {
            LOGGER.log(Level.WARNING, "No deployment summary for " + run, e);
            return null;
        }
        ModelAction action;
        synchronized (ModelAction.class) {
            long before = run.getActions(ModelAction.class).stream().filter(a -> !a.isValidation()).count();
            String id = before == 0 ? "deployment" : "deployment-" + (before + 1);
            action = new ModelAction(id, false, summary.model(), false, 0, 0, List.of(), null, false, null,
                    summary.version(), summary.alias(), summary.previousVersion(), summary.deployed(),
                    summary.refused(), summary.targetsOk(), summary.targetsFailed(), summary.mitigatedIncident(),
                    summary.forced(), summary.skippedGates());
            run.addAction(action);
        }
        run.save();
        return action;
    }

    /** A validation has a report page in the side panel; a deployment only its summary. */
    @Override
    @CheckForNull
    public String getIconFileName() {
        return validation ? getSummaryIcon() : null;
    }

    /** The icon of the build page's summary (core symbols). */
    public String getSummaryIcon() {
        return validation ? "symbol-flask" : "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        String named;
        if (validation) {
            named = model == null ? Messages.ModelAction_ValidationDisplayName()
                    : Messages.ModelAction_ValidationDisplayNameOfModel(model);
        }
        else {
            named = model == null ? Messages.ModelAction_DeploymentDisplayName()
                    : Messages.ModelAction_DeploymentDisplayNameOfModel(model);
        }
        String id = getId();
        return id.equals("validation") || id.equals("deployment") ? named : Messages.ModelAction_Numbered(named, id);
    }

    @Override
    @CheckForNull
    public String getUrlName() {
        return validation ? urlNameOf(getId()) : null;
    }

    /** Whether this is a validation (else a deployment). */
    public boolean isValidation() {
        return validation;
    }

    /** The candidate's label (validation) or the registry's model name (deployment). */
    @CheckForNull
    public String getModel() {
        return model;
    }

    public boolean isPassed() {
        return passed;
    }

    public int getGatesPassed() {
        return gatesPassed;
    }

    /** How many gates the validation checked. */
    public int getGates() {
        return gates;
    }

    public List<String> getFailedGates() {
        return List.copyOf(failedGates);
    }

    /** The baseline's label ({@code cancer v1}), or null when there was none. */
    @CheckForNull
    public String getBaseline() {
        return baseline;
    }

    /** Whether the baseline is a registry version (the champion) rather than a package. */
    public boolean isChampion() {
        return champion;
    }

    @CheckForNull
    public Integer getVersion() {
        return version;
    }

    @CheckForNull
    public String getAlias() {
        return alias;
    }

    @CheckForNull
    public Integer getPreviousVersion() {
        return previousVersion;
    }

    public boolean isDeployed() {
        return deployed;
    }

    @CheckForNull
    public String getRefused() {
        return refused;
    }

    public List<String> getTargetsOk() {
        return List.copyOf(targetsOk);
    }

    public List<String> getTargetsFailed() {
        return List.copyOf(targetsFailed);
    }

    @CheckForNull
    public String getMitigatedIncident() {
        return mitigatedIncident;
    }

    /** The validated package as the step named it, or null. */
    @CheckForNull
    public String getLocation() {
        return location;
    }

    /** Whether this deployment put out an unblessed version ({@code force} or {@code noRequireBlessing}). */
    public boolean isForced() {
        return Boolean.TRUE.equals(forced);
    }

    /** The gates a forced deployment skipped (failed in this build's validation of the package); may be empty. */
    public List<String> getSkippedGates() {
        return skippedGates == null ? List.of() : List.copyOf(skippedGates);
    }

    /** The build page's mark of a forced deployment, or empty (worded by {@link DeploymentSummary#forcedNote()}). */
    public String getForcedNote() {
        return new DeploymentSummary(model == null ? "" : model, version, alias, previousVersion, deployed, refused,
                List.of(), List.of(), "", isForced(), getSkippedGates()).forcedNote();
    }

    /** The full report, read from the stored JSON; null for a deployment or when it cannot be read. */
    @CheckForNull
    public ValidationView getView() {
        ValidationView known = view;
        Run<?, ?> run = getRun();
        if (known == null && validation && run != null) {
            File report = new File(folder(run, getId()), REPORT);
            try {
                known = ValidationView.parse(Files.readString(report.toPath(), StandardCharsets.UTF_8),
                        report.getName());
                view = known;
            }
            catch (IOException | StepException e) {
                LOGGER.log(Level.WARNING, "Cannot read the validation report " + report, e);
            }
        }
        return known;
    }

    /** The metrics the summary names: those the gates checked first. */
    @NonNull
    public List<ValidationView.Metric> getHeadlineMetrics() {
        ValidationView report = getView();
        return report == null ? List.of() : report.headlineMetrics(HEADLINE);
    }
}
