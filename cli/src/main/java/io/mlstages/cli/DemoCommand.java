package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;
import io.mlstages.incident.CheckOptions;
import io.mlstages.incident.CheckResult;
import io.mlstages.incident.Incident;
import io.mlstages.incident.IncidentStore;
import io.mlstages.io.AtomicFiles;
import io.mlstages.metrics.Evaluation;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import io.mlstages.validate.Gate;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ValidationReport;
import io.mlstages.usecase.Deployment;
import io.mlstages.usecase.IncidentVerification;
import io.mlstages.usecase.ModelCheck;
import io.mlstages.usecase.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code mlstages demo}: the closed loop on bundled real data (Chicago L ridership), in a fresh working directory:
 * train, validate, deploy, watch, find drift, open an incident, refuse a retrain that does not cover the drift,
 * retrain, verify against the incident and the champion, redeploy (a verified mitigation), and resolve the incident.
 * See docs/demo.md.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the closed loop on bundled real data (Chicago L ridership, R modeldata) in a fresh "
                + "working directory: train v1 on 2002-2003, validate, deploy, check unseen 2002-2003 days (clean), "
                + "check 2009-2010 days (drift: an incident opens), retrain on 2002-2003 again (refused: it does not "
                + "cover the drift), retrain on 2009-2010, verify it against the incident and the production version, "
                + "deploy v2 (the incident is mitigated), check again (clean: the incident resolves).",
            "Needs no setup and no network. Exit code 0 when every stage ended as the loop expects, 1 otherwise."})
final class DemoCommand implements Callable<Integer> {
    /** The model's name in the demo registry. */
    static final String MODEL = "chicago-ridership";
    /** The marker that lets a re-run replace a folder: only one this command wrote. */
    static final String MARKER = ".mlstages-demo";

    private static final String TARGET = "ridership";
    private static final String RESOURCES = "demo/";
    /** The bundled files, copied into DIR/data; see test-resources/datasets/make_demo.R. */
    static final List<String> DATA_FILES = List.of("chicago-a-train.csv", "chicago-a-validation.csv",
            "chicago-a-live.csv", "chicago-b-train.csv", "chicago-b-live.csv", "chicago-b-next.csv", "NOTICE");
    private static final int STAGES = 11;
    /** The incident the drift of stage 5 opened, which the retrains are verified against. */
    private String incidentId;
    /**
     * A model explaining less than half the day-to-day variance is no use. Not higher: weekday holidays (a few
     * thousand riders instead of about twenty) carry most of the error, and one slice of 182 days holds several.
     */
    private static final String MIN_R2 = "r2=0.5";
    /** The challenger must cut the champion's RMSE on recent data by at least a tenth to replace it. */
    private static final String MIN_RMSE_GAIN = "rmse=0.1";

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "mlstages-demo",
            description = "The working directory; must be absent or empty (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--overwrite",
            description = "Replace DIR when an earlier 'mlstages demo' wrote it (it holds " + MARKER + "); the default "
                    + "since a re-run always replaces its own folder, kept for scripts.")
    boolean overwrite;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "NAME", defaultValue = "linear",
            description = "linear or gbt (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Write a summary of every stage as JSON ('-' for stdout).")
    @CheckForNull String json;

    @Mixin
    OutputMixin out;

    private final List<StageResult> stages = new ArrayList<>();
    private PrintWriter stdout;
    @CheckForNull private PrintWriter progress;

    /**
     * What one stage did.
     *
     * @param number   1 to 9
     * @param name     what the stage does, e.g. "train v1 on 2002-2003"
     * @param verdict  its outcome in a word: ok, blessed, deployed, clean, drift
     * @param expected whether that is what the loop expects at this stage
     * @param detail   the figures behind the verdict
     * @param seconds  how long it took
     * @param facts    the same figures for --json
     */
    record StageResult(int number, String name, String verdict, boolean expected, String detail, double seconds,
            Map<String, Object> facts) {
    }

    @Override
    public Integer call() {
        Algorithm chosen = Algorithm.parse(algorithm);
        if (chosen != Algorithm.LINEAR && chosen != Algorithm.GBT) {
            throw new IllegalArgumentException("The demo predicts a number: --algorithm linear or gbt, not "
                    + algorithm);
        }
        // with --json -, stdout carries the JSON alone and the stage lines move to stderr
        stdout = "-".equals(json) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        progress = out.progress(spec);
        long start = System.nanoTime();
        Path root = prepare(dir.toAbsolutePath().normalize());
        Path data = root.resolve("data");
        Path packages = root.resolve("packages");
        Path reports = root.resolve("reports");
        Path registryDir = root.resolve("registry");
        Path serving = root.resolve("serving").resolve(MODEL);
        copyData(data);
        mkdirs(packages, reports);
        Registry registry = Registry.open(registryDir);
        Actor actor = Actor.fromEnvironment();
        List<DeployTarget> targets = List.of(new DeployTarget.Directory(serving, 0));
        stdout.println("mlstages demo: the closed loop on Chicago L ridership, in " + root);
        stdout.flush();

        boolean closed = run(() -> train(1, "v1", "2002-2003", data.resolve("chicago-a-train.csv"),
                packages.resolve("v1"), chosen))
                && run(() -> validate(2, "v1", packages.resolve("v1"), data.resolve("chicago-a-validation.csv"),
                        "unseen 2002-2003 days", null, reports.resolve("validation-v1.json"), null, true))
                && run(() -> deploy(3, "v1", registry, packages.resolve("v1"), targets, actor))
                && run(() -> check(4, "check unseen 2002-2003 days (A')", registry, data.resolve("chicago-a-live.csv"),
                        reports, "check-4-a-live", actor, false))
                && run(() -> check(5, "check 2009-2010 days (B)", registry, data.resolve("chicago-b-live.csv"),
                        reports, "check-5-b-live", actor, true))
                // a retrain on the old days again: it cannot cover the drift, and the incident's gates refuse it
                && run(() -> train(6, "v2-stale", "2002-2003 again", data.resolve("chicago-a-train.csv"),
                        packages.resolve("v2-stale"), chosen))
                && run(() -> validate(7, "v2-stale", packages.resolve("v2-stale"), data.resolve("chicago-b-live.csv"),
                        "the 2009-2010 days that drifted", registry, reports.resolve("validation-v2-stale.json"),
                        incidentId, false))
                && run(() -> train(8, "v2", "2009-2010", data.resolve("chicago-b-train.csv"),
                        packages.resolve("v2"), chosen))
                && run(() -> validate(9, "v2", packages.resolve("v2"), data.resolve("chicago-b-live.csv"),
                        "the 2009-2010 days that drifted", registry, reports.resolve("validation-v2.json"),
                        incidentId, true))
                && run(() -> deploy(10, "v2", registry, packages.resolve("v2"), targets, actor))
                && run(() -> check(11, "check new 2009-2010 days (B')", registry, data.resolve("chicago-b-next.csv"),
                        reports, "check-11-b-next", actor, false));
        double seconds = (System.nanoTime() - start) / 1e9;

        stdout.println();
        stdout.println(closed ? String.format(Locale.ROOT, "The loop closed: %d of %d stages as expected, in %.1f s.",
                STAGES, STAGES, seconds)
                : "The loop did NOT close: stage " + stages.get(stages.size() - 1).number() + " ended '"
                        + stages.get(stages.size() - 1).verdict() + "' (see above).");
        stdout.println("  drift reports:      " + reports + " (check-*.html, .json, .xml)");
        stdout.println("  validation reports: " + reports + " (validation-v1.json, validation-v2-stale.json,"
                + " validation-v2.json)");
        stdout.println("  registry:           " + registryDir + " (mlstages registry list --registry " + registryDir
                + ")");
        stdout.println("  incidents:          " + IncidentStore.open(registryDir).root()
                + " (mlstages incident list --registry " + registryDir + ")");
        stdout.println("  serving directory:  " + serving);
        stdout.flush();
        writeSummary(root, closed, seconds);
        return closed ? ExitCodes.OK : ExitCodes.FINDING;
    }

    /** Runs a stage, prints its line, and says whether the loop goes on. */
    private boolean run(final java.util.function.Supplier<StageResult> stage) {
        StageResult result = stage.get();
        stages.add(result);
        String head = String.format(Locale.ROOT, "[%d/%d] %s ", result.number(), STAGES, result.name());
        String dots = ".".repeat(Math.max(3, 48 - head.length()));
        stdout.printf(Locale.ROOT, "%s%s %s (%s) %.1f s%s%n", head, dots, result.verdict(), result.detail(),
                result.seconds(), result.expected() ? "" : "  <- NOT AS EXPECTED");
        stdout.flush();
        return result.expected();
    }

    private void say(final String text) {
        if (progress != null) {
            progress.println("  " + text);
            progress.flush();
        }
    }

    private StageResult train(final int number, final String version, final String period, final Path data,
            final Path output, final Algorithm chosen) {
        long start = System.nanoTime();
        say("training " + chosen.label() + " regression of " + TARGET + " on " + data.getFileName() + " ...");
        // the date identifies the row; it is no feature
        TrainOptions options = TrainOptions.of(chosen, TARGET).withExclude(Set.of("date"));
        ModelPackage model = Trainer.train(data, options, output);
        Map<String, Double> holdout = model.metadata().metrics().getOrDefault("holdout", Map.of());
        double r2 = holdout.getOrDefault("r2", Double.NaN);
        double rmse = holdout.getOrDefault("rmse", Double.NaN);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("package", output.toString());
        facts.put("algorithm", chosen.label());
        facts.put("trainingRows", model.metadata().rows().training());
        facts.put("holdoutRows", model.metadata().rows().holdout());
        facts.put("holdoutR2", r2);
        facts.put("holdoutRmse", rmse);
        return new StageResult(number, (number == 1 ? "train " : "retrain ") + version + " on " + period, "ok",
                true, String.format(Locale.ROOT, "R² %.2f, RMSE %.2f on %d holdout rows", r2, rmse,
                        model.metadata().rows().holdout()), seconds(start), facts);
    }

    /**
     * Validates a package on evaluation data against the gates: R² at least 0.5, the data gates (schema, missing
     * values, drift from its training profile) and, with a registry, at least a tenth less RMSE than the champion.
     */
    StageResult validate(final int number, final String version, final Path packageDir, final Path data,
            final String what, @CheckForNull final Registry registry, final Path reportFile,
            @CheckForNull final String incident, final boolean expectBlessed) {
        long start = System.nanoTime();
        say("validating " + version + " on " + data.getFileName() + " ...");
        // the same validation as 'mlstages validate --registry': without a champion yet there is no baseline gate
        Validation.Request request = Validation.Request.ofPackage(packageDir, data, List.of(Gate.parseMin(MIN_R2)))
                .withReports(reportFile, null);
        if (registry != null) {
            request = request.withBaseline(new Validation.Baseline.Champion(registry, MODEL,
                    DeployRequest.DEFAULT_ALIAS), List.of(Gate.parseMinRelativeImprovement(MIN_RMSE_GAIN)));
        }
        // a retrain from an incident is verified against it, as 'mlstages validate --incident' does
        Validation.Result result = Validation.run(request, registry == null || incident == null ? null
                : IncidentVerification.Request.of(registry, incident, Actor.fromEnvironment()));
        result.noBaseline().ifPresent(why -> say(why));
        ValidationReport report = result.report();
        Integer champion = result.champion().orElse(null);
        boolean blessed = result.blessing().isPresent();
        Evaluation metrics = Objects.requireNonNull(report.metrics(), "the demo's candidate is scored");
        double r2 = metrics.metrics().getOrDefault("r2", Double.NaN);
        double rmse = metrics.metrics().getOrDefault("rmse", Double.NaN);
        String detail = String.format(Locale.ROOT, "%d of %d gates passed on %s: R² %.2f, RMSE %.2f",
                report.gates().size() - report.failed().size(), report.gates().size(), what, r2, rmse);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("report", reportFile.toString());
        facts.put("passed", report.passed());
        facts.put("gates", report.gates().size());
        facts.put("failedGates", report.failed().stream().map(g -> g.name()).toList());
        facts.put("r2", r2);
        facts.put("rmse", rmse);
        if (champion != null) {
            double championRmse = Objects.requireNonNull(report.baselineMetrics(), "the champion's metrics").metrics()
                    .getOrDefault("rmse", Double.NaN);
            detail += String.format(Locale.ROOT, " against champion v%d's RMSE %.2f", champion, championRmse);
            facts.put("champion", champion);
            facts.put("championRmse", championRmse);
        }
        facts.put("blessed", blessed);
        String name = "validate " + version + (champion != null ? " against the champion" : " (gates)");
        if (result.verification().isPresent()) {
            IncidentVerification.Outcome verified = result.verification().get();
            List<GateResult> gates = verified.gates();
            long covered = gates.stream().filter(g -> g.name().startsWith("coverage of ") && g.passed()).count();
            long listed = gates.stream().filter(g -> g.name().startsWith("coverage of ")).count();
            facts.put("incident", verified.incident().id());
            facts.put("incidentGatesPassed", verified.passed());
            facts.put("coveredColumns", covered);
            facts.put("driftedColumnsOfIncident", listed);
            facts.put("failedVerifications", verified.incident().failedVerifications());
            name = "verify " + version + " against incident " + verified.incident().id();
            detail += String.format(Locale.ROOT, "; incident gates %s: %d of %d drifted columns covered",
                    verified.passed() ? "passed, the mitigation is verified" : "failed", covered, listed);
        }
        return new StageResult(number, name, blessed ? "blessed" : "refused", blessed == expectBlessed, detail,
                seconds(start), facts);
    }

    /** Registers and deploys a blessed package: the serving directory, then the production alias. */
    private StageResult deploy(final int number, final String version, final Registry registry, final Path packageDir,
            final List<DeployTarget> targets, final Actor actor) {
        long start = System.nanoTime();
        say("deploying " + version + " to production ...");
        Map<String, Object> facts = new LinkedHashMap<>();
        try {
            Deployment.Result deployed = Deployment.run(new Deployment.Request(registry,
                    DeployRequest.ofPackage(MODEL, packageDir).withActor(actor)
                            .withMessage("mlstages demo: " + version), targets));
            DeployResult result = deployed.deployed();
            // a deployment while an incident is open mitigates it; the next clean check resolves it
            Optional<Incident> mitigated = deployed.mitigated();
            facts.put("version", result.version());
            facts.put("alias", result.alias());
            facts.put("previous", result.previous());
            facts.put("succeeded", result.succeeded());
            mitigated.ifPresent(i -> facts.put("incidentMitigated", i.id()));
            deployed.notMitigated().ifPresent(why -> facts.put("notMitigated", why));
            String detail = String.format(Locale.ROOT, "registry v%d is %s%s, published to the serving directory%s",
                    result.version(), result.alias(), result.previous() == null ? "" : " (was v" + result.previous()
                            + ")", mitigated.map(i -> "; incident " + i.id() + " mitigated (verified)")
                            .orElse(deployed.notMitigated().map(why -> "; incident not mitigated: " + why)
                                    .orElse("")));
            // while an incident is open, only a verified mitigation is what the loop expects
            boolean expected = result.succeeded() && (incidentId == null || mitigated.isPresent());
            return new StageResult(number, "deploy " + version + " to production", result.succeeded() ? "deployed"
                    : "failed", expected, detail, seconds(start), facts);
        }
        catch (DeployException e) {
            facts.put("error", e.getMessage());
            return new StageResult(number, "deploy " + version + " to production", "refused", false, e.getMessage(),
                    seconds(start), facts);
        }
    }

    /**
     * Checks current data against the production version's training profile, through the incident monitor, and
     * writes the drift report as HTML, JSON and JUnit XML.
     */
    private StageResult check(final int number, final String name, final Registry registry, final Path data,
            final Path reports, final String reportName, final Actor actor, final boolean expectDrift) {
        long start = System.nanoTime();
        say("checking " + data.getFileName() + " against the production version ...");
        Path html = reports.resolve(reportName + ".html");
        AtomicReference<Incident> retrain = new AtomicReference<>();
        // the same check as 'mlstages check' writing its three reports; the demo is its own retrain channel: the
        // request is noted here and stage 6 acts on it
        ModelCheck.Result checked = ModelCheck.run(new ModelCheck.Request(registry, MODEL,
                DeployRequest.DEFAULT_ALIAS, List.of(data), CheckOptions.defaults(), actor,
                reports.resolve(reportName + ".json"), reports.resolve(reportName + ".xml"), html,
                (incident, check) -> retrain.set(incident), false, null, null));
        CheckResult result = checked.check();
        DriftReport report = result.report();
        int version = checked.version();

        Optional<Incident> incident = result.incident();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("data", data.toString());
        facts.put("version", version);
        facts.put("datasetDrift", report.datasetDrift());
        facts.put("driftedFeatures", driftedFeatures(report));
        facts.put("driftedColumns", report.drifted().stream().map(c -> c.name()).toList());
        facts.put("featureColumns", featureColumns(report));
        facts.put("driftShare", report.driftShare());
        facts.put("report", html.toString());
        incident.ifPresent(i -> {
            facts.put("incident", i.id());
            facts.put("incidentStage", i.stage().name().toLowerCase(Locale.ROOT));
            facts.put("severity", i.severity().name().toLowerCase(Locale.ROOT));
        });
        facts.put("incidentOpened", result.opened());
        facts.put("incidentResolved", result.resolved());
        facts.put("retrainRequested", retrain.get() != null);

        String detail = String.format(Locale.ROOT, "%d of %d features drifted vs v%d", driftedFeatures(report),
                featureColumns(report), version);
        if (result.opened()) {
            incidentId = incident.get().id();
            detail += "; incident " + incident.get().id() + " opened (" + incident.get().severity().name()
                    .toLowerCase(Locale.ROOT) + ")" + (retrain.get() != null ? ", retrain requested" : "");
        }
        else if (result.resolved()) {
            detail += "; incident " + incident.get().id() + " resolved";
        }
        boolean expected = expectDrift
                ? report.datasetDrift() && result.opened() && retrain.get() != null
                : !report.datasetDrift() && (number < STAGES || result.resolved());
        return new StageResult(number, name, report.datasetDrift() ? "DRIFT" : "clean", expected, detail,
                seconds(start), facts);
    }

    /** The feature columns the report compared (not the target, prediction or identifiers). */
    private static long featureColumns(final DriftReport report) {
        return report.columns().stream().filter(c -> c.role() == Role.FEATURE).count();
    }

    /** The feature columns that drifted. */
    private static long driftedFeatures(final DriftReport report) {
        return report.drifted().stream().filter(c -> c.role() == Role.FEATURE).count();
    }

    /** The working directory, created; an existing one must be empty, or an earlier demo's own (then replaced). */
    private Path prepare(final Path root) {
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("--dir " + root + " is a file, not a directory");
            }
            boolean empty;
            try (Stream<Path> entries = Files.list(root)) {
                empty = entries.findAny().isEmpty();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!empty) {
                // an earlier demo's folder (it holds the marker) is replaced, so the README's first command can be
                // run again; any other folder is never touched
                if (!Files.exists(root.resolve(MARKER))) {
                    throw new IllegalArgumentException("--dir " + root + " is not empty and no earlier 'mlstages demo' "
                            + "wrote it (it has no " + MARKER + " file): the demo starts from a fresh directory; "
                            + "give another --dir");
                }
                say("deleting the earlier demo in " + root);
                deleteTree(root);
            }
        }
        mkdirs(root);
        AtomicFiles.write(root.resolve(MARKER), "Written by 'mlstages demo'; a later demo may replace this folder.\n");
        return root;
    }

    private static void copyData(final Path data) {
        mkdirs(data);
        for (String name : DATA_FILES) {
            try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("The demo data " + RESOURCES + name + " is missing from the jar");
                }
                Files.copy(in, data.resolve(name));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void writeSummary(final Path root, final boolean closed, final double seconds) {
        if (json == null) {
            return;
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode summary = mapper.createObjectNode();
        summary.put("kind", "mlstages-demo");
        summary.put("closed", closed);
        summary.put("seconds", seconds);
        summary.put("dir", root.toString());
        summary.put("registry", root.resolve("registry").toString());
        summary.put("reports", root.resolve("reports").toString());
        summary.put("model", MODEL);
        ArrayNode list = summary.putArray("stages");
        for (StageResult stage : stages) {
            ObjectNode node = list.addObject();
            node.put("number", stage.number());
            node.put("name", stage.name());
            node.put("verdict", stage.verdict());
            node.put("expected", stage.expected());
            node.put("detail", stage.detail());
            node.put("seconds", stage.seconds());
            node.set("facts", mapper.valueToTree(stage.facts()));
        }
        String text;
        try {
            text = mapper.writeValueAsString(summary) + "\n";
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if ("-".equals(json)) {
            PrintWriter jsonOut = spec.commandLine().getOut();
            jsonOut.print(text);
            jsonOut.flush();
        }
        else {
            AtomicFiles.write(Path.of(json), text);
        }
    }

    private static void mkdirs(final Path... folders) {
        for (Path folder : folders) {
            try {
                Files.createDirectories(folder);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteTree(final Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                if (!path.equals(root)) {
                    Files.delete(path);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(final long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
