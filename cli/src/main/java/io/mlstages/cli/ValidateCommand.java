package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ReadOptions;
import io.mlstages.report.ValidationHtml;
import io.mlstages.report.ValidationReportJson;
import io.mlstages.report.ValidationTable;
import io.mlstages.metrics.Task;
import io.mlstages.validate.Blessing;
import io.mlstages.validate.Gate;
import io.mlstages.validate.PredictionsFile;
import io.mlstages.validate.ValidationReport;
import io.mlstages.usecase.IncidentVerification;
import io.mlstages.usecase.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code mlstages validate}: scores a model on evaluation data and checks it against gates. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a model package on evaluation data (or read a predictions file), compute its metrics "
                + "and check them against gates: absolute bounds, a baseline model, and data gates (schema, missing "
                + "values, drift from the training profile).",
            "When every gate passes, the package is blessed (blessing.json). Exit code 1 means a gate failed."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "PACKAGE",
            description = "The candidate model package (a folder or .zip written by 'mlstages train').")
    @CheckForNull Path model;

    @Option(names = "--predictions", paramLabel = "FILE",
            description = "Instead of --model: predictions made elsewhere, next to the true values (see "
                    + "docs/validation.md).")
    @CheckForNull Path predictions;

    @Option(names = {"-d", "--data"}, paramLabel = "DATA", description = "The evaluation data; required with --model.")
    @CheckForNull Path data;

    @Option(names = "--min", paramLabel = "METRIC=VALUE", description = "The metric must be at least VALUE. Repeatable.")
    List<String> min = new ArrayList<>();

    @Option(names = "--max", paramLabel = "METRIC=VALUE", description = "The metric must be at most VALUE. Repeatable.")
    List<String> max = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "PACKAGE",
            description = "A baseline model scored on the same data; by default the candidate must not be worse on "
                    + "the task's primary metric.")
    @CheckForNull Path baseline;

    @Option(names = "--registry", paramLabel = "DIR",
            description = "With --registry-model: take the baseline from the model registry (the version --baseline-alias "
                    + "points at); without such a version yet, there is no baseline gate.")
    @CheckForNull String registry;

    @Option(names = "--registry-model", paramLabel = "NAME", description = "The model's name in the registry.")
    @CheckForNull String registryModel;

    @Option(names = "--baseline-alias", paramLabel = "ALIAS", defaultValue = "production",
            description = "The registry alias whose version is the baseline (default: ${DEFAULT-VALUE}).")
    String baselineAlias;

    @Option(names = "--baseline-predictions", paramLabel = "FILE",
            description = "Instead of --baseline: the baseline's predictions file.")
    @CheckForNull Path baselinePredictions;

    @Option(names = "--min-improvement", paramLabel = "METRIC=DELTA",
            description = "Better than the baseline by at least DELTA. Repeatable.")
    List<String> minImprovement = new ArrayList<>();

    @Option(names = "--max-regression", paramLabel = "METRIC=DELTA",
            description = "Worse than the baseline by at most DELTA. Repeatable.")
    List<String> maxRegression = new ArrayList<>();

    @Option(names = "--min-relative-improvement", paramLabel = "METRIC=FRACTION",
            description = "Better than the baseline by at least FRACTION of its value. Repeatable.")
    List<String> minRelativeImprovement = new ArrayList<>();

    @Option(names = "--max-relative-regression", paramLabel = "METRIC=FRACTION",
            description = "Worse than the baseline by at most FRACTION of its value. Repeatable.")
    List<String> maxRelativeRegression = new ArrayList<>();

    @Option(names = "--max-missing-rate", paramLabel = "RATE", defaultValue = "0.2",
            description = "Data gate: no feature missing in more than RATE of the rows (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "1")
    double maxMissingRate;

    @Option(names = "--no-data-gates", description = "Leave out the schema, missing-value and drift gates.")
    boolean noDataGates;

    @Option(names = "--no-bless", description = "Do not write (or remove) the package's blessing.")
    boolean noBless;

    @Option(names = "--no-explain", description = "With --model: leave out the features' weights (tree SHAP "
            + "contributions of a GBT model, standardized coefficients of a linear one), and the extra pass over the "
            + "evaluation data that computes them. The slices, if any, are still measured.")
    boolean noExplain;

    @Option(names = "--task", paramLabel = "TASK", description = "With --predictions: binary, multiclass or regression.")
    @CheckForNull String task;

    @Option(names = "--actual-column", paramLabel = "NAME",
            description = "With --predictions: the true value column (default: actual).")
    @CheckForNull String actualColumn;

    @Option(names = "--predicted-column", paramLabel = "NAME",
            description = "With --predictions: the predicted value or class column (default: predicted).")
    @CheckForNull String predictedColumn;

    @Option(names = "--probability-prefix", paramLabel = "PREFIX",
            description = "With --predictions: prefix of the class probability columns (default: p_).")
    @CheckForNull String probabilityPrefix;

    @Option(names = "--positive-class", paramLabel = "LABEL",
            description = "With --predictions: the positive class of a binary task (default: the second).")
    @CheckForNull String positiveClass;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-", description = "Write the validation report as JSON ('-' for stdout).")
    @CheckForNull String json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the report as JUnit XML: a test case per gate.")
    @CheckForNull Path junit;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write the report as an HTML page: gates, metrics, the features' weights and the slices.")
    @CheckForNull Path html;

    @Mixin
    SliceOptionsMixin slices;

    @Mixin
    DriftOptionsMixin drift;

    @Mixin
    IncidentGatesMixin incidentGates;

    @Mixin
    ReadOptionsMixin read;

    @Mixin
    OutputMixin out;

    @Override
    public Integer call() {
        if ((model == null) == (predictions == null)) {
            throw new IllegalArgumentException("Give either --model PACKAGE (with --data) or --predictions FILE");
        }
        if (model != null && data == null) {
            throw new IllegalArgumentException("--model needs the evaluation data: --data FILE");
        }
        if (baseline != null && baselinePredictions != null) {
            throw new IllegalArgumentException("Give one baseline: --baseline or --baseline-predictions");
        }
        if ((registry == null) != (registryModel == null)) {
            throw new IllegalArgumentException("--registry and --registry-model go together");
        }
        if (registry != null && (baseline != null || baselinePredictions != null)) {
            throw new IllegalArgumentException("Give one baseline: --baseline, --baseline-predictions or --registry");
        }
        if (baseline != null && data == null) {
            throw new IllegalArgumentException("A baseline package is scored on the evaluation data: give --data FILE");
        }
        Validation.Baseline chosen = registry != null
                ? new Validation.Baseline.Champion(Registries.open(registry), registryModel, baselineAlias)
                : baseline != null ? new Validation.Baseline.Package(baseline)
                : baselinePredictions != null ? new Validation.Baseline.Predictions(baselinePredictions)
                : new Validation.Baseline.None();
        List<Gate> bounds = new ArrayList<>();
        add(bounds, min, Gate::parseMin);
        add(bounds, max, Gate::parseMax);
        List<Gate> baselineGates = new ArrayList<>();
        add(baselineGates, minImprovement, Gate::parseMinImprovement);
        add(baselineGates, maxRegression, Gate::parseMaxRegression);
        add(baselineGates, minRelativeImprovement, Gate::parseMinRelativeImprovement);
        add(baselineGates, maxRelativeRegression, Gate::parseMaxRelativeRegression);
        if (!baselineGates.isEmpty() && chosen instanceof Validation.Baseline.None) {
            throw new IllegalArgumentException("Baseline gates need a baseline: --baseline PACKAGE");
        }
        ReadOptions readOptions = read.toReadOptions();
        IncidentVerification.Request verify = incidentGates.toRequest(
                chosen instanceof Validation.Baseline.Champion c ? c.registry() : null, baselineAlias,
                drift.toDriftOptions());
        Validation.Result result = Validation.run(new Validation.Request(model, predictions, data, bounds,
                baselineGates, chosen, !noDataGates, maxMissingRate,
                model != null && !noDataGates ? drift.toDriftOptions() : null, readOptions,
                predictionOptions(), json != null && !"-".equals(json) ? Converters.path(json) : null, junit, !noBless,
                slices.toSliceOptions(), !noExplain), verify);

        ValidationReport report = result.report();
        if (html != null) {
            ValidationHtml.write(report, html);
        }
        if (!out.quiet) {
            result.noBaseline().ifPresent(why -> spec.commandLine().getErr().println("mlstages: " + why));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if ("-".equals(json)) {
            stdout.println(ValidationReportJson.toString(report, Validation.incidentEvents(result)));
        }
        else {
            stdout.print(ValidationTable.toText(report));
        }
        if (result.blessable()) {
            stdout.println(result.blessing().isPresent() ? "Blessed: " + model.resolve(Blessing.FILE_NAME)
                    : "Not blessed: a gate failed (any earlier blessing was removed)");
        }
        IncidentGatesMixin.print(result, stdout, spec.commandLine().getErr());
        stdout.flush();
        spec.commandLine().getErr().flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.FINDING;
    }

    private PredictionsFile.Options predictionOptions() {
        PredictionsFile.Options options = PredictionsFile.Options.defaults();
        if (task != null) {
            options = options.withTask(Task.valueOf(task.trim().toUpperCase(Locale.ROOT)));
        }
        if (actualColumn != null) {
            options = options.withActualColumn(actualColumn);
        }
        if (predictedColumn != null) {
            options = options.withPredictedColumn(predictedColumn);
        }
        if (probabilityPrefix != null) {
            options = options.withProbabilityPrefix(probabilityPrefix);
        }
        if (positiveClass != null) {
            options = options.withPositiveClass(positiveClass);
        }
        return options;
    }

    private static void add(final List<Gate> gates, final List<String> options, final Function<String, Gate> parse) {
        for (String option : options) {
            gates.add(parse.apply(option));
        }
    }
}
