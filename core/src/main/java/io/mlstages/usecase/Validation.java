package io.mlstages.usecase;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftOptions;
import io.mlstages.metrics.Metrics;
import io.mlstages.model.IncidentEvent;
import io.mlstages.registry.Registry;
import io.mlstages.report.ValidationJUnit;
import io.mlstages.report.ValidationReportJson;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;
import io.mlstages.validate.Blessing;
import io.mlstages.validate.EvaluationData;
import io.mlstages.data.ConstraintViolations;
import io.mlstages.validate.Gate;
import io.mlstages.validate.Gates;
import io.mlstages.validate.ModelBreakdown;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.PredictionsFile;
import io.mlstages.validate.SliceOptions;
import io.mlstages.validate.TrainingData;
import io.mlstages.validate.ValidationException;
import io.mlstages.validate.ValidationInput;
import io.mlstages.validate.ValidationReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Validation of a candidate against gates and, when there is one, a baseline (the registry's champion, a package,
 * or a predictions file): scores the candidate, adds the data gates, checks, writes the reports, and blesses (or
 * unblesses) the candidate's package. {@code mlstages validate} and the demo run it.
 */
public final class Validation {
    private Validation() {
    }

    /** Where the baseline comes from. */
    public sealed interface Baseline {
        /** No baseline: the baseline gates are left out. */
        record None() implements Baseline {
        }

        /** A model package scored on the same evaluation data. */
        record Package(Path path) implements Baseline {
            public Package {
                Objects.requireNonNull(path, "path");
            }
        }

        /** The baseline's predictions, made elsewhere. */
        record Predictions(Path path) implements Baseline {
            public Predictions {
                Objects.requireNonNull(path, "path");
            }
        }

        /**
         * The version {@code alias} of {@code model} points to in the registry (the champion); a model the registry
         * does not hold yet, or an alias that points nowhere, is a first model: nothing to beat.
         */
        record Champion(Registry registry, String model, String alias) implements Baseline {
            public Champion {
                Objects.requireNonNull(registry, "registry");
                Objects.requireNonNull(model, "model");
                Objects.requireNonNull(alias, "alias");
            }
        }
    }

    /**
     * What to validate.
     *
     * @param model         the candidate package, or null with {@code predictions}
     * @param predictions   the candidate's predictions file, or null with {@code model}
     * @param data          the evaluation data; required with a model or a baseline package
     * @param gates         the bound gates (min, max), checked in this order
     * @param baselineGates gates against the baseline; left out when there is no baseline
     * @param baseline      where the baseline comes from
     * @param dataGates     with a model: add the schema, missing-value and drift gates
     * @param maxMissingRate the missing-value gate's bound
     * @param drift         the drift gate's options
     * @param read          how data files are read
     * @param predictionOptions how predictions files are read (their read options are replaced by {@code read})
     * @param json          where to write the JSON report, or null
     * @param junit         where to write the JUnit XML report, or null
     * @param bless         write (or remove) the candidate package's blessing; only a package folder is blessed
     * @param slices        the slices to measure and gate ({@code --slice}); with a model only
     * @param explain       with a model: explain it (the features' weights), which reads the evaluation data once
     *                      more; false ({@code --no-explain}) leaves the explanation out, and without slices the
     *                      report then has no breakdown at all
     */
    public record Request(@CheckForNull Path model, @CheckForNull Path predictions, @CheckForNull Path data,
            List<Gate> gates, List<Gate> baselineGates, Baseline baseline, boolean dataGates, double maxMissingRate,
            DriftOptions drift, ReadOptions read, PredictionsFile.Options predictionOptions, @CheckForNull Path json,
            @CheckForNull Path junit, boolean bless, SliceOptions slices, boolean explain) {
        public Request {
            if ((model == null) == (predictions == null)) {
                throw new IllegalArgumentException("Validate either a model package or a predictions file");
            }
            baseline = baseline == null ? new Baseline.None() : baseline;
            if (data == null && (model != null || baseline instanceof Baseline.Package)) {
                throw new IllegalArgumentException(NEEDS_DATA);
            }
            gates = List.copyOf(gates == null ? List.of() : gates);
            baselineGates = List.copyOf(baselineGates == null ? List.of() : baselineGates);
            drift = drift == null ? DriftOptions.defaults() : drift;
            read = read == null ? ReadOptions.defaults() : read;
            predictionOptions = (predictionOptions == null ? PredictionsFile.Options.defaults() : predictionOptions)
                    .withRead(read);
            slices = slices == null ? SliceOptions.none() : slices;
            if (slices.any() && model == null) {
                throw new ValidationException("--slice needs the model package (--model) and its evaluation data: "
                        + "a predictions file has no columns to slice by");
            }
        }

        /** A request without slices. */
        public Request(@CheckForNull final Path model, @CheckForNull final Path predictions,
                @CheckForNull final Path data, final List<Gate> gates, final List<Gate> baselineGates,
                final Baseline baseline, final boolean dataGates, final double maxMissingRate, final DriftOptions drift,
                final ReadOptions read, final PredictionsFile.Options predictionOptions, @CheckForNull final Path json,
                @CheckForNull final Path junit, final boolean bless) {
            this(model, predictions, data, gates, baselineGates, baseline, dataGates, maxMissingRate, drift, read,
                    predictionOptions, json, junit, bless, SliceOptions.none(), true);
        }

        /** A copy with slices to measure and gate. */
        public Request withSlices(final SliceOptions value) {
            return new Request(model, predictions, data, gates, baselineGates, baseline, dataGates, maxMissingRate,
                    drift, read, predictionOptions, json, junit, bless, value, explain);
        }

        /** A copy that explains the model, or leaves its explanation out ({@code --no-explain}). */
        public Request withExplain(final boolean value) {
            return new Request(model, predictions, data, gates, baselineGates, baseline, dataGates, maxMissingRate,
                    drift, read, predictionOptions, json, junit, bless, slices, value);
        }

        /** A package validated on data against {@code gates}, with the data gates, blessed when they pass. */
        public static Request ofPackage(final Path model, final Path data, final List<Gate> gates) {
            return new Request(model, null, data, gates, List.of(), new Baseline.None(), true, DEFAULT_MAX_MISSING_RATE,
                    DriftOptions.defaults(), ReadOptions.defaults(), PredictionsFile.Options.defaults(), null, null,
                    true);
        }

        public Request withBaseline(final Baseline chosen, final List<Gate> gatesAgainstIt) {
            return new Request(model, predictions, data, gates, gatesAgainstIt, chosen, dataGates, maxMissingRate,
                    drift, read, predictionOptions, json, junit, bless, slices, explain);
        }

        public Request withReports(@CheckForNull final Path jsonFile, @CheckForNull final Path junitFile) {
            return new Request(model, predictions, data, gates, baselineGates, baseline, dataGates, maxMissingRate,
                    drift, read, predictionOptions, jsonFile, junitFile, bless, slices, explain);
        }
    }

    private static final String NEEDS_DATA = "A model package is scored on evaluation data: give the data file";

    /** The missing-value gate's default bound. */
    public static final double DEFAULT_MAX_MISSING_RATE = 0.2;

    /**
     * What the validation found and did.
     *
     * @param report     the validation report
     * @param reportSha256 the SHA-256 of the report's JSON, which the blessing names
     * @param champion   the registry version the candidate was compared with, when the baseline was the champion
     * @param noBaseline why there was no baseline although the registry was asked for one, or empty
     * @param blessing   the blessing written, when the package was blessed
     * @param blessable  whether the candidate is a package folder that was blessed or unblessed
     * @param verification with {@code --incident}: the incident gates, and the incident as it now stands (a failed
     *                   verification counts against its retrain budget)
     */
    public record Result(ValidationReport report, String reportSha256, Optional<Integer> champion,
            Optional<String> noBaseline, Optional<Blessing> blessing, boolean blessable,
            Optional<IncidentVerification.Outcome> verification) {
        public Result {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(reportSha256, "reportSha256");
            verification = verification == null ? Optional.empty() : verification;
        }
    }

    /**
     * Runs the validation.
     *
     * @throws io.mlstages.data.DataException naming the file, line and column when data is malformed
     * @throws io.mlstages.train.ModelPackageException naming the package when it cannot be loaded
     * @throws io.mlstages.validate.ValidationException when the reports or the blessing cannot be written
     */
    public static Result run(final Request request) {
        return run(request, null);
    }

    /**
     * As {@link #run(Request)}, with an incident's gates after the others ({@code validate --incident}): the
     * candidate's blessing then verifies the incident's mitigation, and a failed validation counts against the
     * incident's retrain budget.
     *
     * @throws io.mlstages.incident.IncidentException when there is no such incident, or it is resolved
     */
    public static Result run(final Request request, @CheckForNull final IncidentVerification.Request incident) {
        if (incident != null && request.model() == null) {
            throw new IllegalArgumentException("--incident verifies a retrained model package: give --model, not"
                    + " --predictions");
        }
        ReadOptions read = request.read();
        Path baselinePackage = null;
        ModelIdentity baselineIdentity = null;
        Integer champion = null;
        String noBaseline = null;
        if (request.baseline() instanceof Baseline.Champion registered) {
            Registry registry = registered.registry();
            Optional<Integer> version = registry.models().contains(registered.model())
                    ? registry.alias(registered.model(), registered.alias()) : Optional.empty();
            if (version.isPresent()) {
                if (request.data() == null) {
                    throw new IllegalArgumentException(NEEDS_DATA);
                }
                champion = version.get();
                baselinePackage = registry.packagePath(registered.model(), champion);
            }
            else {
                noBaseline = "model '" + registered.model() + "' has no '" + registered.alias()
                        + "' version yet: no baseline to compare with";
            }
        }
        else if (request.baseline() instanceof Baseline.Package pkg) {
            baselinePackage = pkg.path();
        }
        boolean hasBaseline = baselinePackage != null || request.baseline() instanceof Baseline.Predictions;
        List<Gate> gates = new ArrayList<>(request.gates());
        if (hasBaseline) {
            gates.addAll(request.baselineGates());
        }
        if (request.model() != null && request.dataGates()) {
            gates.add(new Gate.SchemaMatch());
            gates.add(Gate.parseMaxMissingRate(Double.toString(request.maxMissingRate())));
            gates.add(new Gate.Drift(request.drift()));
        }

        // the evaluation data's constraint checks come from the pass that profiles it (a model package's data only)
        Prepared prepared = request.model() != null ? fromPackage(request)
                : new Prepared(fromPredictions(request), ConstraintViolations.none());
        ValidationInput input = prepared.input();
        if (baselinePackage != null) {
            ModelPackage base = ModelPackage.load(baselinePackage);
            baselineIdentity = ModelIdentity.of(base);
            if (champion != null) {
                // a registry baseline is known by the model's name and version, not by its package folder
                Baseline.Champion registered = (Baseline.Champion) request.baseline();
                baselineIdentity = new ModelIdentity(registered.model(), String.valueOf(champion),
                        baselineIdentity.sha256(), baselineIdentity.location());
            }
            input = input.withBaseline(baselineIdentity,
                    Metrics.evaluate(Scoring.score(base, Objects.requireNonNull(request.data(), NEEDS_DATA),
                            unlogged(read))));
        }
        else if (request.baseline() instanceof Baseline.Predictions file) {
            // a root path has no file name: named by the whole path then, not a null dereference
            input = input.withBaseline(ModelIdentity.named(String.valueOf(file.path().getFileName())),
                    Metrics.evaluate(PredictionsFile.read(file.path(),
                            request.predictionOptions().withRead(unlogged(read)))));
        }
        ValidationReport report = Gates.check(input, gates, prepared.constraints()).withBadRows(read.badRows());
        IncidentVerification.Outcome verification = null;
        Path candidatePackage = request.model();
        if (incident != null && candidatePackage != null) {
            verification = IncidentVerification.check(incident, ModelPackage.load(candidatePackage), request.data(),
                    report.metrics(), read);
            report = report.withGates(verification.gates());
        }
        if (candidatePackage != null && (request.explain() || request.slices().any())) {
            // the explanation and the slices (their gates too), read from the data once more
            report = ModelBreakdown.add(report, candidatePackage, Objects.requireNonNull(request.data(), NEEDS_DATA),
                    unlogged(read), request.slices(), request.explain());
        }

        if (verification != null && incident != null) {
            // the incident records the verification before the report is written, which names its event
            verification = report.passed()
                    ? new IncidentVerification.Outcome(IncidentVerification.passed(incident, verification),
                            verification.gates(), verification.window(), Optional.empty())
                    : IncidentVerification.failed(incident, verification);
        }
        List<IncidentEvent> events = incidentEvents(verification);
        Path jsonFile = request.json();
        String sha = jsonFile != null ? ValidationReportJson.write(report, jsonFile, events)
                // the blessing names the report it rests on, even when the report was not written to a file
                : ValidationReportJson.sha256(report, events);
        Path junitFile = request.junit();
        if (junitFile != null) {
            ValidationJUnit.write(report, junitFile);
        }
        Path candidate = request.model();
        boolean blessable = candidate != null && request.bless() && Files.isDirectory(candidate);
        Optional<Blessing> blessing = blessable && candidate != null ? Blessing.apply(candidate, report, sha,
                verification == null ? null : verification.verified()) : Optional.empty();
        return new Result(report, sha, Optional.ofNullable(champion), Optional.ofNullable(noBaseline), blessing,
                blessable, Optional.ofNullable(verification));
    }

    /**
     * What a validation with {@code --incident} did to the incident, as its report says: verified, retrain refused, or
     * halted (the refusal spent the retrain budget); none without {@code --incident}.
     */
    public static List<IncidentEvent> incidentEvents(final Result result) {
        return incidentEvents(result.verification().orElse(null));
    }

    private static List<IncidentEvent> incidentEvents(@CheckForNull final IncidentVerification.Outcome verification) {
        IncidentEvent last = verification == null ? null : verification.incident().lastEvent();
        return last == null ? List.of() : List.of(last);
    }

    /** The validation's input, and the evaluation data's constraint checks. */
    private record Prepared(ValidationInput input, ConstraintViolations constraints) {
    }

    private static Prepared fromPackage(final Request request) {
        ModelPackage candidate = ModelPackage.load(Objects.requireNonNull(request.model(), "model"));
        TrainingData training = TrainingData.of(candidate);
        Path data = Objects.requireNonNull(request.data(), NEEDS_DATA);
        // the data is read three times (profile, candidate, baseline): its skipped rows are logged once, by the
        // candidate's scoring
        EvaluationData evaluation = EvaluationData.read(data, unlogged(request.read()), training);
        ModelIdentity identity = ModelIdentity.of(candidate);
        ValidationInput input = Gates.schemaMatches(training, evaluation)
                ? ValidationInput.of(identity, Metrics.evaluate(Scoring.score(candidate, data, request.read())),
                        data.toString(), evaluation.sha256())
                : ValidationInput.unscored(identity, candidate.metadata().task(), data.toString(),
                        evaluation.sha256());
        return new Prepared(request.dataGates() ? input.withData(training, evaluation) : input,
                evaluation.constraints());
    }

    private static ValidationInput fromPredictions(final Request request) {
        Path predictions = Objects.requireNonNull(request.predictions(), "model or predictions");
        return ValidationInput.of(ModelIdentity.named(String.valueOf(predictions.getFileName())),
                Metrics.evaluate(PredictionsFile.read(predictions,
                        request.predictionOptions().withRead(request.read()))),
                predictions.toString(), DataReader.sha256(predictions));
    }

    private static ReadOptions unlogged(final ReadOptions read) {
        return read.withBadRowLog(null);
    }
}
