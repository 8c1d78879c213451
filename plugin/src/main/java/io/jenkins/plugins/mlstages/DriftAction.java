package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import hudson.model.Action;
import hudson.model.Run;
import io.mlstages.steps.DriftView;
import io.mlstages.steps.StepException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.tasks.SimpleBuildStep;

/**
 * One drift check's result on the build page: a summary (verdict, top drifted columns, incident, retrain) and a report
 * page rendered from the report JSON kept in the build's folder. Its fields are JDK types only (it is saved in
 * build.xml); the report itself is read from the stored file when a page is shown.
 */
public class DriftAction extends ReportAction implements SimpleBuildStep.LastBuildAction {
    private static final Logger LOGGER = Logger.getLogger(DriftAction.class.getName());
    private static final Map<Run<?, ?>, Integer> RESERVED = new WeakHashMap<>();
    /** How many drifted columns the summary lists. */
    static final int TOP = 5;
    /** The report file in {@code <build>/mlstages/<id>/}. */
    static final String REPORT = "report.json";

    @CheckForNull
    private final String model;
    @CheckForNull
    private final Integer version;
    private final boolean datasetDrift;
    private final double driftShare;
    @CheckForNull
    private final Double threshold;
    private final ArrayList<String> driftedColumns;
    @CheckForNull
    private final String incidentId;
    @CheckForNull
    private final String stage;
    @CheckForNull
    private final String severity;
    @CheckForNull
    private final String retrainTriggered;
    @CheckForNull
    private final String retrainNote;
    private final boolean html;

    private transient DriftView view;

    DriftAction(final String id, @CheckForNull final String model, @CheckForNull final Integer version,
            final boolean datasetDrift, final double driftShare, @CheckForNull final Double threshold,
            final List<String> driftedColumns, @CheckForNull final String incidentId, @CheckForNull final String stage,
            @CheckForNull final String severity, @CheckForNull final String retrainTriggered,
            @CheckForNull final String retrainNote, final boolean html) {
        super(id);
        this.model = model;
        this.version = version;
        this.datasetDrift = datasetDrift;
        this.driftShare = driftShare;
        this.threshold = threshold;
        this.driftedColumns = new ArrayList<>(driftedColumns);
        this.incidentId = incidentId;
        this.stage = stage;
        this.severity = severity;
        this.retrainTriggered = retrainTriggered;
        this.retrainNote = retrainNote;
        this.html = html;
    }

    /** The id of the next drift report of this build: {@code drift}, then {@code drift-2}, … */
    static String nextId(final Run<?, ?> run) {
        return nextId(RESERVED, run, "drift", run.getActions(DriftAction.class).size());
    }

    /**
     * Copies the check's report files from the workspace into the build's folder and adds the action to the build.
     *
     * @param retraining whether the check concerns retraining (a model or a retrain job is configured); the retrain
     *                   line is kept only then
     * @return the action, or null when the engine wrote no report file
     */
    @CheckForNull
    static DriftAction record(final Run<?, ?> run, final FilePath workspace, final String id,
            final Map<String, Object> result, final RetrainTrigger.Decision retrain, final boolean retraining)
            throws IOException, InterruptedException {
        String reportFile = StepValues.text(result.get("reportFile"));
        File report = keep(run, workspace, id, reportFile, REPORT);
        if (report == null) {
            return null;
        }
        boolean html = keep(run, workspace, id, StepValues.text(result.get("htmlFile")), "report.html") != null;
        Double threshold = null;
        try {
            threshold = DriftView.parse(Files.readString(report.toPath(), StandardCharsets.UTF_8), reportFile)
                    .threshold();
        }
        catch (StepException e) {
            LOGGER.log(Level.WARNING, "Unreadable drift report " + reportFile, e);
        }
        List<String> drifted = new ArrayList<>();
        if (result.get("driftedColumns") instanceof List<?> columns) {
            columns.forEach(c -> drifted.add(String.valueOf(c)));
        }
        DriftAction action = new DriftAction(id, StepValues.text(result.get("model")),
                result.get("version") instanceof Number n ? n.intValue() : null,
                Boolean.TRUE.equals(result.get("datasetDrift")),
                result.get("driftShare") instanceof Number share ? share.doubleValue() : 0,
                threshold, drifted, StepValues.text(result.get("incidentId")),
                StepValues.text(result.get("incidentStage")), StepValues.text(result.get("severity")),
                retrain.triggered(), retraining ? retrain.note() : null, html);
        run.addAction(action);
        run.save();
        return action;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        String what = model == null ? Messages.DriftAction_DisplayName() : Messages.DriftAction_DisplayNameOfModel(model);
        return getId().equals("drift") ? what : Messages.ModelAction_Numbered(what, getId());
    }

    @Override
    public String getUrlName() {
        return urlNameOf(getId());
    }

    /** The trend on the job page, shown once per build however many checks it ran. */
    @Override
    public Collection<? extends Action> getProjectActions() {
        Run<?, ?> run = getRun();
        if (run == null) {
            return List.of();
        }
        List<DriftAction> all = run.getActions(DriftAction.class);
        return !all.isEmpty() && all.get(0) == this ? List.of(new DriftTrendAction(run.getParent())) : List.of();
    }

    @CheckForNull
    public String getModel() {
        return model;
    }

    @CheckForNull
    public Integer getVersion() {
        return version;
    }

    public boolean isDatasetDrift() {
        return datasetDrift;
    }

    public double getDriftShare() {
        return driftShare;
    }

    /** The drift share as a percentage, e.g. {@code 60%}. */
    public String getDriftSharePercent() {
        return Math.round(driftShare * 100) + "%";
    }

    @CheckForNull
    public Double getThreshold() {
        return threshold;
    }

    /** The threshold as a percentage, or empty when unknown. */
    public String getThresholdPercent() {
        return threshold == null ? "" : Math.round(threshold * 100) + "%";
    }

    public List<String> getDriftedColumns() {
        return List.copyOf(driftedColumns);
    }

    @CheckForNull
    public String getIncidentId() {
        return incidentId;
    }

    @CheckForNull
    public String getStage() {
        return stage;
    }

    @CheckForNull
    public String getSeverity() {
        return severity;
    }

    @CheckForNull
    public String getRetrainTriggered() {
        return retrainTriggered;
    }

    @CheckForNull
    public String getRetrainNote() {
        return retrainNote;
    }

    /** Whether the engine's HTML report was kept next to the JSON. */
    public boolean isHtml() {
        return html;
    }

    /** The full report, read from the stored JSON; null when it cannot be read. */
    @CheckForNull
    public DriftView getView() {
        DriftView known = view;
        Run<?, ?> run = getRun();
        if (known == null && run != null) {
            File report = new File(folder(run, getId()), REPORT);
            try {
                known = DriftView.parse(Files.readString(report.toPath(), StandardCharsets.UTF_8), report.getName());
                view = known;
            }
            catch (IOException | StepException e) {
                LOGGER.log(Level.WARNING, "Cannot read the drift report " + report, e);
            }
        }
        return known;
    }

    /** The drifted columns with the highest scores, for the summary. */
    @NonNull
    public List<DriftView.Column> getTopDrifted() {
        DriftView report = getView();
        return report == null ? List.of() : report.topDrifted(TOP);
    }
}
