package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.mlstages.steps.Parameter.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * Every ML step and its parameters: the one list that the plugin's steps, the command lines they run, the docs
 * and the Jenkinsfile check ({@code JenkinsfileStepsTest}) all read, so that none of them can drift from the
 * others.
 */
public final class StepCatalog {
    /** {@code trainModel}: fit a model, write a model package. */
    public static final String TRAIN = "trainModel";
    /** {@code validateModel}: score a package, check gates, bless it. */
    public static final String VALIDATE = "validateModel";
    /** {@code deployModel}: register, publish and move the alias. */
    public static final String DEPLOY = "deployModel";
    /** {@code checkDrift}: the pipeline drift check. */
    public static final String CHECK_DRIFT = "checkDrift";
    /** {@code modelDriftCheck}: the freestyle build step's symbol; the same parameters as checkDrift. */
    public static final String DRIFT_CHECK_BUILDER = "modelDriftCheck";

    /** The help page's sentence on a registry folder: it is read on the agent. */
    static final String REGISTRY_NOTE = "It must be a path that every agent running ML steps can reach (a shared "
            + "volume mounted at the same path), or an s3://bucket/prefix URL that needs no shared volume; the step "
            + "fails with a clear message when the folder does not exist on the agent.";
    /** The help page's sentence on a credential. */
    static final String SECRET_NOTE = "The secret reaches the engine through an environment variable only; it never "
            + "appears on a command line or in the log.";

    /**
     * The options of every command that take a result or report file, or silence progress: the step sets them. The
     * S3 endpoint and region come from the agent's environment ({@code MLSTAGES_S3_ENDPOINT}, {@code
     * MLSTAGES_S3_REGION}), which the child inherits, so the steps leave those options alone.
     */
    private static final List<String> REPORTS = List.of("--json", "--quiet", "--help", "--version", "--s3-endpoint",
            "--s3-region");

    private static final List<StepSpec> STEPS = List.of(train(), validate(), deploy(),
            driftCheck(CHECK_DRIFT, "Check data for drift"),
            driftCheck(DRIFT_CHECK_BUILDER, "Check a model's live data for drift"));

    private StepCatalog() {
    }

    /** Every step, in the order of the ML pipeline. */
    public static List<StepSpec> steps() {
        return STEPS;
    }

    /**
     * The step of that function name.
     *
     * @throws NoSuchElementException naming the unknown name and the known ones
     */
    public static StepSpec step(final String functionName) {
        return STEPS.stream().filter(s -> s.functionName().equals(functionName)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No ML step '" + functionName + "'; the steps are "
                        + STEPS.stream().map(StepSpec::functionName).collect(Collectors.joining(", "))));
    }

    private static StepSpec train() {
        List<Parameter> p = new ArrayList<>();
        p.add(required("data", "--data", "The training data (CSV or JSON Lines), relative to the workspace."));
        p.add(required("target", "--target", "The column to predict."));
        p.add(required("output", "--output", "Where to write the model package: a folder, or a .zip file."));
        p.add(string("algorithm", "--algorithm", "logistic (classes), linear (numbers) or gbt (either); "
                + "required unless command is given."));
        p.add(string("command", "--command", "Train with your own program instead (run without a shell)."));
        p.add(string("timeout", "--timeout", "Longest an external trainer may run, e.g. 30m (default 2h)."));
        p.add(list("features", "--features", "The feature columns (default: every column but the target and exclude)."));
        p.add(list("exclude", "--exclude", "Columns never used as features."));
        p.add(string("task", "--task", "binary, multiclass or regression (default: inferred)."));
        p.add(list("param", "--param", "Hyperparameters, e.g. 'l2=1.0,rounds=200,maxDepth=6'."));
        p.add(new Parameter("seed", Kind.INTEGER, false, "--seed", "Seed of every random choice (default 42)."));
        p.add(new Parameter("holdout", Kind.DECIMAL, false, "--holdout",
                "Share of rows kept apart to measure the model; 0 for none (default 0.2)."));
        p.add(list("segments", "--segment", "Also store a training profile per value of these columns, e.g. "
                + "'region,channel', so that checkDrift of the registered model can check each segment "
                + "(its segments parameter)."));
        p.add(new Parameter("maxSegments", Kind.INTEGER, false, "--max-segments", "With segments: how many values "
                + "per column a later check can judge on their own; 4 times as many are profiled (default 10).")
                .onlyWith("segments"));
        p.addAll(readOptions());
        return new StepSpec(TRAIN, "Train a model", List.of("train"), p, List.of(), REPORTS);
    }

    private static StepSpec validate() {
        List<Parameter> p = new ArrayList<>();
        p.add(string("model", "--model", "The candidate model package (written by trainModel)."));
        p.add(string("predictions", "--predictions",
                "Instead of model: predictions made elsewhere, next to the true values."));
        p.add(string("data", "--data", "The evaluation data; required with model."));
        p.add(list("min", "--min", "Lower bounds, e.g. 'accuracy=0.9,auc=0.95'."));
        p.add(list("max", "--max", "Upper bounds, e.g. 'rmse=120'."));
        p.add(string("baseline", "--baseline", "A baseline model package scored on the same data."));
        p.add(string("registry", "--registry",
                "The model registry folder (default: the global setting); used with registryModel.")
                .noted(REGISTRY_NOTE));
        p.add(string("registryModel", "--registry-model",
                "Take the baseline from the registry: the version baselineAlias points at."));
        p.add(string("baselineAlias", "--baseline-alias", "The registry alias of the baseline (default production).")
                .onlyWith("registryModel"));
        p.add(string("baselinePredictions", "--baseline-predictions", "Instead of baseline: its predictions file."));
        p.add(list("minImprovement", "--min-improvement", "Better than the baseline by at least DELTA: 'auc=0.01'."));
        p.add(list("maxRegression", "--max-regression", "Worse than the baseline by at most DELTA: 'auc=0.005'."));
        p.add(list("minRelativeImprovement", "--min-relative-improvement",
                "Better than the baseline by at least this fraction of its value."));
        p.add(list("maxRelativeRegression", "--max-relative-regression",
                "Worse than the baseline by at most this fraction of its value."));
        p.add(decimal("maxMissingRate", "--max-missing-rate", "Data gate: no feature missing in more than this share "
                + "of rows (default 0.2)."));
        p.add(flag("noDataGates", "--no-data-gates", "Leave out the schema, missing-value and drift gates."));
        p.add(flag("noBless", "--no-bless", "Do not write (or remove) the package's blessing."));
        p.add(flag("noExplain", "--no-explain", "With model: leave out the features' weights (tree SHAP "
                + "contributions, standardized coefficients) and the extra pass over the evaluation data that "
                + "computes them; slices are still measured."));
        p.add(string("task", "--task", "With predictions: binary, multiclass or regression."));
        p.add(string("actualColumn", "--actual-column", "With predictions: the true value column (default actual)."));
        p.add(string("predictedColumn", "--predicted-column",
                "With predictions: the predicted value or class column (default predicted)."));
        p.add(string("probabilityPrefix", "--probability-prefix",
                "With predictions: prefix of the class probability columns (default p_)."));
        p.add(string("positiveClass", "--positive-class",
                "With predictions: the positive class of a binary task (default: the second)."));
        p.add(list("slice", "--slice", "With model: measure it on each value of these columns too, e.g. "
                + "'housing,age' (the largest maxSlices values, the rest as 'other'; a numeric column with more "
                + "values is cut at its quartiles). The report lists the slices worst first."));
        p.add(list("minSlice", "--min-slice", "Bounds every slice of at least minSliceRows rows must reach, e.g. "
                + "'accuracy=0.85': a model good on average but bad for one group fails.").onlyWith("slice"));
        p.add(list("maxSlice", "--max-slice", "Bounds every slice of at least minSliceRows rows must stay under, "
                + "e.g. 'rmse=150'.").onlyWith("slice"));
        p.add(new Parameter("maxSlices", Kind.INTEGER, false, "--max-slices",
                "How many values per slice column are measured on their own, the largest by rows (default 10)."
        ).onlyWith("slice"));
        p.add(new Parameter("minSliceRows", Kind.INTEGER, false, "--min-slice-rows",
                "Slices with fewer rows are reported but not gated: too few to judge (default 30).")
                .onlyWith("slice"));
        p.add(string("incident", "--incident", "Verify that the candidate mitigates this incident (the retrain job's "
                + "INCIDENT_ID): adds the coverage gates (the incident's drifted data must not drift against the "
                + "candidate's training data) and the champion gate on the incident window; a pass makes the blessing "
                + "a verified mitigation, which deployModel needs to mark the incident MITIGATED. Needs registryModel.")
                .onlyWith("registryModel"));
        p.add(string("incidentLabels", "--incident-labels", "With incident: labels of the drifted period (CSV with "
                + "an id and a label column), joined with incidentLog to score the candidate and production on the "
                + "incident window; without them the champion gate uses data.").onlyWith("incident"));
        p.add(string("incidentLog", "--incident-log", "With incidentLabels: the serving prediction log folder.")
                .onlyWith("incident"));
        p.add(string("incidentSince", "--incident-since", "With incidentLabels: the incident window starts here (an "
                + "ISO-8601 instant such as 2026-11-20T00:00:00Z, or a date) instead of the incident's first "
                + "detection; it ends at the mitigation, or now. Predictions served outside it are left out.")
                .onlyWith("incidentLabels"));
        p.add(string("incidentIdColumn", "--incident-id-column", "The labels' id column (default id).")
                .onlyWith("incident"));
        p.add(string("incidentLabelColumn", "--incident-label-column",
                "The labels' label column (default: the model's target).").onlyWith("incident"));
        p.add(new Parameter("retrainBudget", Kind.INTEGER, false, "--retrain-budget", "With incident: failed "
                + "verifications allowed before the incident's severity rises and automatic retraining stops until a "
                + "person resolves or re-arms it (default 3).").onlyWith("incident"));
        p.add(string("webhook", "--webhook", "With incident: POST the incident's 'halted' event here when this "
                + "validation spends the retrain budget (the message checkDrift's webhook gets).").onlyWith("incident"));
        p.add(string("webhookCredentialsId", null, "A secret-text credential: the webhook's bearer token.")
                .onlyWith("webhook").noted(SECRET_NOTE));
        p.addAll(driftOptions());
        p.addAll(readOptions());
        p.add(choice("onFailure", "When a gate fails: FAIL the build (default), mark it UNSTABLE, or only REPORT."));
        return new StepSpec(VALIDATE, "Validate a model", List.of("validate"), p,
                List.of(List.of("model", "predictions")), concat(REPORTS, List.of("--junit", "--html", "--webhook-token-env")));
    }

    private static StepSpec deploy() {
        List<Parameter> p = new ArrayList<>();
        p.add(required("model", "--model", "The model's name in the registry."));
        p.add(new Parameter("version", Kind.INTEGER, false, "--version", "Deploy this registered version."));
        p.add(string("package", "--package",
                "Register this package (folder or zip) as the next version, then deploy it."));
        p.add(string("registry", "--registry", "The model registry folder (default: the global setting).")
                .noted(REGISTRY_NOTE));
        p.add(string("alias", "--alias", "The alias to move (default production)."));
        p.add(flag("noRequireBlessing", "--no-require-blessing", "Deploy a version without a blessing."));
        p.add(flag("force", "--force", "Deploy an unblessed version anyway; recorded as forced in the history."));
        p.add(string("message", "--message", "Why: recorded in the alias history."));
        p.add(list("target", "--target", "Where it goes, in order: 'directory=/srv/models,http=https://…'; "
                + "the registry alias always moves last."));
        p.add(new Parameter("keep", Kind.INTEGER, false, "--keep",
                "Directory targets keep the K newest version folders; 0 keeps all (default)."));
        p.add(string("credentialsId", null, "A secret-text credential: the http targets' bearer token. Never printed.")
                .noted(SECRET_NOTE));
        p.add(string("tokenFile", "--token-file", "Or: a file on the agent whose first line is the token."));
        p.add(awsCredentials());
        p.add(string("connectTimeout", "--connect-timeout", "Per attempt (default 5s)."));
        p.add(string("requestTimeout", "--request-timeout", "Per attempt (default 30s)."));
        p.add(new Parameter("attempts", Kind.INTEGER, false, "--attempts",
                "Attempts of an http target, the first included (default 5)."));
        p.add(string("backoff", "--backoff", "Wait before the second attempt, doubled each time (default 500ms)."));
        p.add(string("maxBackoff", "--max-backoff", "The longest wait between attempts (default 30s)."));
        p.add(string("maxRetryAfter", "--max-retry-after", "The longest Retry-After a server may ask for (default 120s)."));
        p.add(choice("onFailure", "When the deployment is refused or a target fails: FAIL the build (default), "
                + "mark it UNSTABLE, or only REPORT."));
        return new StepSpec(DEPLOY, "Deploy a model", List.of("deploy"), p,
                List.of(List.of("version", "package")), concat(REPORTS, List.of("--token-env")));
    }

    private static StepSpec driftCheck(final String name, final String displayName) {
        List<Parameter> p = new ArrayList<>();
        p.add(required("current", "--current", "The current data: a path or an Ant glob in the workspace "
                + "(several matching files are checked as one sample).").titled("Current data")
                .noted("The pattern is expanded on the agent; the step fails naming the pattern when no file matches."));
        p.add(string("model", "--model", "A registered model: its deployed version's training profile is the "
                + "reference, and drift opens an incident.").titled("Registered model"));
        p.add(string("reference", "--reference", "Or: a profile or a dataset to compare with (no incident).")
                .titled("Reference profile or dataset"));
        p.add(string("registry", "--registry", "The model registry folder (default: the global setting).")
                .onlyWith("model").titled("Model registry folder").noted(REGISTRY_NOTE));
        p.add(string("alias", "--alias", "The alias whose version is checked (default production).").onlyWith("model")
                .titled("Alias checked"));
        p.add(string("coolDown", "--cool-down", "No second retrain within this time unless severity rose "
                + "(default 6h).").onlyWith("model").titled("Retrain cool-down"));
        p.add(string("webhook", "--webhook", "POST a JSON message here when an incident opens, escalates or "
                + "resolves.").onlyWith("model").titled("Incident webhook URL"));
        p.add(string("webhookCredentialsId", null, "A secret-text credential: the webhook's bearer token.")
                .onlyWith("webhook").titled("Webhook token credential").noted(SECRET_NOTE));
        p.add(list("columns", "--columns", "Compare only these columns.").onlyWith("reference")
                .titled("Columns compared"));
        p.add(string("target", "--target", "The target column: reported apart, not counted.").onlyWith("reference")
                .titled("Target column"));
        p.add(string("prediction", "--prediction", "The prediction column: reported apart, not counted.")
                .onlyWith("reference").titled("Prediction column"));
        p.add(new Parameter("sketchK", Kind.INTEGER, false, "--sketch-k", "KLL sketch size of the profiles built "
                + "from a reference dataset.").onlyWith("reference").titled("Quantile sketch size k"));
        p.add(new Parameter("bins", Kind.INTEGER, false, "--bins", "Histogram bins per numeric column.")
                .onlyWith("reference").titled("Histogram bins"));
        p.add(new Parameter("topK", Kind.INTEGER, false, "--top-k", "Categories kept by name per column.")
                .onlyWith("reference").titled("Categories kept by name"));
        p.add(new Parameter("exactLimit", Kind.INTEGER, false, "--exact-limit",
                "Up to this many values a numeric column keeps them all, for exact statistics.").onlyWith("reference")
                .titled("Exact statistics up to this many values"));
        p.add(list("segments", "--segment", "Also check each value of these columns on its own, e.g. 'region,channel'"
                + ": the 10 largest values by current rows, and the rest as 'other'; a drifted segment is dataset "
                + "drift. Against a stored profile or a registered model, the profile must have been made with "
                + "'mlstages profile --segment COLUMN' (a model: trainModel's segments).").titled("Segment columns")
                .noted("Segments with fewer than 30 rows on either side are listed as too small, not judged."));
        p.add(new Parameter("maxSegments", Kind.INTEGER, false, "--max-segments", "With segments: how many values "
                + "per segment column are checked on their own, the largest by current rows (default 10).")
                .onlyWith("segments").titled("Segments checked per column"));
        p.add(new Parameter("minSegmentRows", Kind.INTEGER, false, "--min-segment-rows", "With segments: the fewest "
                + "rows a segment needs on each side to be judged (default 30).").onlyWith("segments")
                .titled("Fewest rows of a judged segment"));
        p.add(flag("multivariate", "--multivariate", "Also train a classifier (XGBoost) to tell current rows from "
                + "reference rows: finds changes in how columns go together that per-column tests miss (a broken "
                + "correlation). A significant out-of-fold AUC at or above the floor is dataset drift. Needs a "
                + "reference dataset (rows), not a stored profile.").onlyWith("reference")
                .titled("Multivariate check by a domain classifier"));
        p.add(decimal("multivariateAucFloor", "--multivariate-auc-floor", "The classifier's AUC that counts as drift "
                + "when significant (default 0.55; 0.5 means no separation).").onlyWith("multivariate")
                .titled("Multivariate AUC floor"));
        p.add(new Parameter("multivariateSample", Kind.INTEGER, false, "--multivariate-sample", "Rows the classifier "
                + "samples from each side while the data is read (default 5000).").onlyWith("multivariate")
                .titled("Rows sampled per side"));
        p.add(new Parameter("multivariateFolds", Kind.INTEGER, false, "--multivariate-folds", "Cross-validation "
                + "folds of the classifier (default 5).").onlyWith("multivariate").titled("Cross-validation folds"));
        p.add(string("referenceLabelled", "--reference-labelled", "Labelled data the model was not trained on (its "
                + "validation or test data, with the target): a classifier's accuracy, precision, recall, F1 and ROC "
                + "AUC on the current data are then estimated without labels, calibrated on it, each with a band "
                + "(95% by default), and shown next to the drift (docs/estimation.md).").onlyWith("model")
                .titled("Labelled reference data for the performance estimate")
                .noted("A path in the workspace. The estimate cannot see a change in how the inputs relate to the "
                        + "target when the inputs stay the same."));
        p.add(list("minEstimated", "--min-estimated", "Lower bounds on estimated metrics, e.g. 'accuracy=0.9,"
                + "roc_auc=0.8': an estimate below its bound is a finding that opens or joins the incident as drift "
                + "does.").onlyWith("referenceLabelled").titled("Least estimated metrics"));
        p.add(decimal("estimateLevel", "--estimate-level", "The share of the bootstrap rounds the estimate's band "
                + "holds, from 0.5 to 0.999 (default 0.95); a higher level gives a wider band.")
                .onlyWith("referenceLabelled").titled("Level of the estimate's band"));
        p.add(new Parameter("estimateResamples", Kind.INTEGER, false, "--estimate-resamples", "Bootstrap rounds "
                + "behind the estimate's band, from 20 to 100000 (default 200); more give a steadier band and cost a "
                + "calibration and a scoring each.").onlyWith("referenceLabelled")
                .titled("Bootstrap rounds of the estimate's band"));
        // the drift-test and reading options stand together: the plugin's DriftTestingStep holds them for both steps
        p.addAll(driftOptions());
        p.addAll(readOptions());
        p.add(choice("onDrift", "On dataset drift: mark the build UNSTABLE (default), FAIL it, or only REPORT.")
                .titled("On dataset drift"));
        p.add(string("retrainJob", null, "The job to start when drift opens an incident and the cool-down allows "
                + "it; it gets MODEL_NAME, MODEL_VERSION, INCIDENT_ID, DRIFTED_COLUMNS, DRIFT_REPORT_URL.")
                .onlyWith("model").titled("Retrain job"));
        // 44 advanced fields: grouped by what they are about, not one flat list
        List<StepSpec.Section> sections = List.of(
                new StepSpec.Section("Incidents and retraining",
                        List.of("registry", "alias", "coolDown", "retrainJob", "webhook", "webhookCredentialsId")),
                new StepSpec.Section("Profiling a reference dataset",
                        List.of("columns", "target", "prediction", "sketchK", "bins", "topK", "exactLimit")),
                new StepSpec.Section("Statistics", List.of("driftShare", "alpha", "method", "threshold", "columnAlpha",
                        "missingRateFloor", "noMissingDrift", "noPooling", "fdr", "cadence", "alarmBudget")),
                new StepSpec.Section("Segments", List.of("segments", "maxSegments", "minSegmentRows")),
                new StepSpec.Section("Multivariate drift", List.of("multivariate", "multivariateAucFloor",
                        "multivariateSample", "multivariateFolds")),
                new StepSpec.Section("Performance without labels", List.of("referenceLabelled", "minEstimated",
                        "estimateLevel", "estimateResamples")),
                new StepSpec.Section("Reading the data",
                        List.of("format", "delimiter", "missing", "type", "schema", "inferRows", "onBadRows",
                                "maxBadRowsShare", "awsCredentialsId")),
                new StepSpec.Section("Build result", List.of("onDrift")));
        return new StepSpec(name, displayName, List.of("check", "drift"), p, List.of(List.of("model", "reference")),
                concat(REPORTS, List.of("--junit", "--html", "--report-html", "--retrain-command",
                        "--webhook-token-env", "--claim-retrain")), sections);
    }

    /** The drift-test options that validateModel's data gates and the drift checks share. */
    static List<Parameter> driftOptions() {
        return List.of(
                decimal("driftShare", "--drift-share", "Share of drifted feature columns that makes dataset drift "
                        + "(default 0.5).").titled("Drifted share that makes dataset drift"),
                decimal("alpha", "--alpha", "Significance level of the per-column tests (default 0.05).")
                        .titled("Significance level"),
                list("method", "--method", "Statistic per column, e.g. 'age=ks,city=chi-square'; one of psi, ks, "
                        + "chi-square, jensen-shannon, wasserstein, l-infinity, hellinger, kullback-leibler, "
                        + "total-variation, cramer-von-mises, anderson-darling, energy.")
                        .titled("Statistic per column"),
                list("threshold", "--threshold", "Effect-size floor per column, e.g. 'age=0.2'.")
                        .titled("Effect-size floor per column"),
                list("columnAlpha", "--column-alpha", "Significance level per column, e.g. 'age=0.01'.")
                        .titled("Significance level per column"),
                decimal("missingRateFloor", "--missing-rate-floor",
                        "Change of a column's missing rate that counts as drift when significant (default 0.1).")
                        .titled("Missing-rate change that counts as drift"),
                flag("noMissingDrift", "--no-missing-drift", "A change in missing rate is reported but never drift.")
                        .titled("Never count a missing-rate change as drift"),
                flag("noPooling", "--no-pooling", "Do not pool rare categories.").titled("Do not pool rare categories"),
                decimal("fdr", "--fdr", "Judge the columns together: Benjamini-Hochberg control of the false discovery "
                        + "rate at this q (between 0 and 1, e.g. 0.05) instead of the significance level per column. "
                        + "Fewer false alarms when many columns are checked; the report lists each column's p-value "
                        + "and q-value. Not with a significance level per column.")
                        .titled("False discovery rate q across columns"),
                string("cadence", "--cadence", "How often this check runs on a schedule, e.g. 1h or 1d: the report then "
                        + "says how many false alarms a month the settings imply when nothing drifts.")
                        .titled("Check cadence"),
                string("alarmBudget", "--alarm-budget", "False alarms the schedule may raise, e.g. 1/month (period "
                        + "hour, day, week, month or year): the significance level, or q, is lowered until the implied "
                        + "rate fits. Needs the cadence.").titled("False-alarm budget"));
    }

    /** The options of reading a data file, shared by every step that reads one. */
    static List<Parameter> readOptions() {
        return List.of(
                string("format", "--format", "csv or jsonl (default: by file name).").titled("File format"),
                string("delimiter", "--delimiter", "CSV field separator; 'tab' for tabs (default ,).")
                        .titled("CSV delimiter"),
                list("missing", "--missing", "Cell texts that mean missing (default NA,N/A,NaN,nan,null,NULL,None).")
                        .titled("Texts that mean missing"),
                list("type", "--type", "Column type overrides, e.g. 'zip=categorical,age=numeric'.")
                        .titled("Column types"),
                string("schema", "--schema", "A schema file that replaces type inference; its constraints, if any, "
                        + "are checked (the current data of a drift check, the evaluation data of a validation; see "
                        + "docs/data.md).").titled("Schema file"),
                new Parameter("inferRows", Kind.INTEGER, false, "--infer-rows",
                        "Rows that decide inferred types; 0 reads the whole file first (default 10000).")
                        .titled("Rows read to infer types"),
                string("onBadRows", "--on-bad-rows", "'fail' (default): a malformed row fails the step. 'skip': "
                        + "malformed rows (wrong field count, a value that does not fit its column, bad quoting, "
                        + "invalid UTF-8) are dropped, counted and listed on the build page and in the reports.")
                        .titled("Malformed rows"),
                decimal("maxBadRowsShare", "--max-bad-rows-share", "With onBadRows 'skip': the largest share of a "
                        + "file's rows that may be skipped; more fails the step (default 0.01).")
                        .titled("Largest share of skipped rows"),
                awsCredentials());
    }

    /** The AWS key pair for s3:// locations: every step that reads data, and the deployment. */
    private static Parameter awsCredentials() {
        return string("awsCredentialsId", null, "For s3:// data, reports and registries: a username-with-password "
                + "credential holding the AWS access key id (user name) and secret access key (password). Without it "
                + "the agent's environment or instance role is used; MLSTAGES_S3_ENDPOINT on the agent names an "
                + "S3-compatible store.").titled("AWS credential for s3:// locations").noted(SECRET_NOTE);
    }

    private static Parameter required(final String name, final String option, final String help) {
        return new Parameter(name, Kind.STRING, true, option, help);
    }

    private static Parameter string(final String name, @CheckForNull final String option, final String help) {
        return new Parameter(name, Kind.STRING, false, option, help);
    }

    private static Parameter decimal(final String name, @CheckForNull final String option, final String help) {
        return new Parameter(name, Kind.DECIMAL, false, option, help);
    }

    private static Parameter flag(final String name, @CheckForNull final String option, final String help) {
        return new Parameter(name, Kind.FLAG, false, option, help);
    }

    private static Parameter list(final String name, @CheckForNull final String option, final String help) {
        return new Parameter(name, Kind.LIST, false, option, help);
    }

    private static Parameter choice(final String name, final String help) {
        return new Parameter(name, Kind.CHOICE, false, null, help);
    }

    private static List<String> concat(final List<String> a, final List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
