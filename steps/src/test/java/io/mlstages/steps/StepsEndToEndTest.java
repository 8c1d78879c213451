package io.mlstages.steps;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The steps as the plugin runs them, without Jenkins: the invocation built from a Jenkinsfile's values, the real
 * {@code mlstages} jar in a child JVM (copied into a jar cache first, as on an agent) with the workspace as its
 * working directory, and the result map read back from the file it wrote. On Chicago L ridership: a model of
 * 2002-2003, validated and deployed, then checked against unseen 2002-2003 days (clean) and 2009-2010 (drift).
 */
class StepsEndToEndTest {
    private static final Path CLI_JAR = Path.of("../cli/target/mlstages-all.jar");
    private static final Path DEMO = Path.of("../cli/src/main/resources/io/mlstages/cli/demo");
    private static final Path DATASETS = Path.of("../test-resources/datasets");

    @TempDir
    Path workspace;

    @TempDir
    Path shared;

    private Path registry;
    private Path jar;
    private int builds;

    /** One finished step: what ran, its exit code, its build log and the map it returns. */
    record Run(Invocation invocation, int exitCode, String log, Map<String, Object> result) {
    }

    @BeforeEach
    void prepare() throws IOException {
        assertThat(CLI_JAR).as("the CLI's shaded jar, built by the cli module before this one "
                + "(./mvnw -o install -pl steps -am)").exists();
        Path data = Files.createDirectories(workspace.resolve("data"));
        for (String name : List.of("chicago-a-train.csv", "chicago-a-validation.csv", "chicago-a-live.csv",
                "chicago-b-live.csv", "chicago-b-next.csv", "chicago-b-train.csv")) {
            Files.copy(DEMO.resolve(name), data.resolve(name));
        }
        for (String name : List.of("chicago-2010-a.csv", "chicago-2010-b.csv")) {
            Files.copy(DATASETS.resolve(name), data.resolve(name));
        }
        // the registry lives outside the workspace, as on a shared volume
        registry = Files.createDirectories(shared.resolve("registry"));
        String sha;
        try (InputStream in = Files.newInputStream(CLI_JAR)) {
            sha = ChildJvm.sha256(in);
        }
        jar = ChildJvm.ensureJar(shared.resolve("jar-cache"), sha, () -> Files.newInputStream(CLI_JAR));
    }

    /**
     * A step as StepRunner runs it: the plan (global defaults, registry, work folder, choice on a finding), the
     * current-data glob expanded in the workspace, the engine, the result file where the plan locates it, and the
     * outcome the plan gives the exit code.
     */
    private Run run(final String stepName, final Map<String, ?> values) throws IOException, InterruptedException {
        StepPlan plan = StepPlan.of(stepName, values, new StepPlan.Defaults(registry.toString(), null, null, null),
                ++builds, "e2e");
        Invocation invocation = plan.invocation(plan.readsCurrentData() ? expand(plan.value("current")) : List.of());
        assertThat(invocation.resultFile()).startsWith(plan.workFolder() + "/");
        Run run = launch(invocation, Map.of());
        Path resultFile = workspace.resolve(plan.locate(invocation.resultFile()));
        String result = Files.exists(resultFile) ? Files.readString(resultFile) : null;
        Map<String, Object> map = StepResults.read(plan.step(), invocation, run.exitCode(), plan.onFinding(),
                result, run.exitCode() == 0 || run.exitCode() == 1 ? "https://ci.example/job/x/1/mlstages" : null);
        assertThat(map).containsEntry("outcome", plan.outcome(run.exitCode()).name());
        return new Run(invocation, run.exitCode(), run.log(), map);
    }

    /** The files a glob matches in the workspace, as the plugin lists them on the agent. */
    private List<String> expand(final String pattern) throws IOException {
        java.nio.file.PathMatcher matcher = workspace.getFileSystem().getPathMatcher("glob:" + pattern);
        try (java.util.stream.Stream<Path> files = Files.walk(workspace)) {
            List<String> matches = files.filter(f -> matcher.matches(workspace.relativize(f)))
                    .map(Path::toString).toList();
            assertThat(matches).as("files matching " + pattern).isNotEmpty();
            return StepPlan.relativeToWorkspace(workspace.toString(), matches);
        }
    }

    private Run launch(final Invocation invocation, final Map<String, String> secrets)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(java, ChildJvm.DEFAULT_OPTIONS,
                jar.toString(), invocation.arguments())).directory(workspace.toFile()).redirectErrorStream(true);
        Path log = Files.createTempFile(shared, "build", ".log");
        builder.redirectOutput(log.toFile());
        builder.environment().putAll(secrets);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("mlstages " + invocation.display() + " finished").isTrue();
        return new Run(invocation, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), null);
    }

    private Map<String, Object> values(final Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private Run trained(final String data, final String output) throws IOException, InterruptedException {
        Run train = run(StepCatalog.TRAIN, values("data", data, "target", "ridership", "output", output,
                "algorithm", "linear", "exclude", "date"));
        assertThat(train.exitCode()).as(train.log()).isZero();
        return train;
    }

    @Test
    void shouldTrainValidateDeployAndCheckDriftThroughTheJarAsThePluginDoes() throws Exception {
        Map<String, Object> train = trained("data/chicago-a-train.csv", "models/v1").result();
        assertThat(train).containsEntry("step", "trainModel").containsEntry("exitCode", 0)
                .containsEntry("outcome", "PASSED").containsEntry("package", "models/v1")
                .containsEntry("algorithm", "linear").containsEntry("task", "regression")
                .containsEntry("target", "ridership");
        assertThat(list(train.get("features"))).hasSize(19).contains("Clark_Lake", "temp", "day_of_week")
                .doesNotContain("date", "ridership");
        assertThat((Long) train.get("rows")).isEqualTo(Files.readAllLines(
                workspace.resolve("data/chicago-a-train.csv")).size() - 1L);
        assertThat((Double) map(train.get("metrics")).get("r2")).isGreaterThan(0.5);
        assertThat((Double) train.get("fitSeconds")).isNotNegative();

        Run validate = run(StepCatalog.VALIDATE, values("model", "models/v1", "data",
                "data/chicago-a-validation.csv", "min", "r2=0.5"));
        assertThat(validate.exitCode()).as(validate.log()).isZero();
        assertThat(validate.result()).containsEntry("passed", true).containsEntry("blessed", true)
                .containsEntry("failedGates", List.of()).containsEntry("baselineMetrics", null);
        assertThat(workspace.resolve("models/v1/blessing.json")).exists();
        assertThat(workspace.resolve((String) validate.result().get("junitFile"))).content().contains("<testsuite");
        assertThat(workspace.resolve((String) validate.result().get("reportFile"))).exists();
        assertThat(list(validate.result().get("gates"))).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(g -> assertThat(map(g)).containsEntry("passed", true).containsKey("detail"));

        Run deploy = run(StepCatalog.DEPLOY, values("model", "ridership", "package", "models/v1", "message",
                "first model", "target", "directory=serving"));
        assertThat(deploy.exitCode()).as(deploy.log()).isZero();
        assertThat(deploy.result()).containsEntry("model", "ridership").containsEntry("version", 1)
                .containsEntry("alias", "production").containsEntry("previousVersion", null)
                .containsEntry("deployed", true).containsEntry("mitigatedIncident", null);
        assertThat(list(deploy.result().get("targets"))).hasSize(2)
                .allSatisfy(t -> assertThat(map(t)).containsEntry("ok", true));
        assertThat(registry.resolve("models")).isDirectoryContaining(p -> p.getFileName().toString().equals("ridership"));

        Run clean = run(StepCatalog.CHECK_DRIFT, values("model", "ridership", "current", "data/chicago-a-live.csv"));
        assertThat(clean.exitCode()).as(clean.log()).isZero();
        assertThat(clean.result()).containsEntry("outcome", "PASSED").containsEntry("datasetDrift", false)
                .containsEntry("model", "ridership").containsEntry("version", 1)
                .containsEntry("incidentId", null).containsEntry("retrainDue", false)
                .containsEntry("driftedColumns", List.of()).containsEntry("columns", 21);

        // the plugin expands a glob into the files it matched: one sample of the two halves of 2010
        Run drift = run(StepCatalog.CHECK_DRIFT, values("model", "ridership", "current", "data/chicago-2010-*.csv"));
        assertThat(drift.invocation().arguments()).contains("--current=data/chicago-2010-a.csv",
                "--current=data/chicago-2010-b.csv");
        assertThat(drift.exitCode()).as(drift.log()).isEqualTo(1);
        assertThat(drift.result()).containsEntry("outcome", "UNSTABLE").containsEntry("datasetDrift", true)
                .containsEntry("incidentId", "ridership-0001").containsEntry("incidentStage", "OPEN")
                .containsEntry("incidentOpened", true).containsEntry("retrainDue", true)
                .containsEntry("reportUrl", "https://ci.example/job/x/1/mlstages");
        assertThat((Double) drift.result().get("driftShare")).isGreaterThanOrEqualTo(0.5);
        assertThat(list(drift.result().get("driftedColumns"))).contains("Clark_Lake", "ridership");
        assertThat(workspace.resolve((String) drift.result().get("htmlFile"))).content().contains("ridership-0001");
        assertThat(workspace.resolve((String) drift.result().get("junitFile"))).content().contains("<failure");
        DriftView view = DriftView.parse(Files.readString(workspace.resolve((String) drift.result().get("reportFile"))),
                "result.json");
        assertThat(view.current()).contains("chicago-2010-a.csv", "chicago-2010-b.csv");
        assertThat(view.topDrifted(3)).hasSize(3).allSatisfy(c -> assertThat(c.drift()).isTrue());

        Map<String, String> parameters = RetrainParameters.of(drift.result(), "https://ci.example/job/x/1/mlstages");
        assertThat(parameters).containsEntry("MODEL_NAME", "ridership").containsEntry("MODEL_VERSION", "1")
                .containsEntry("INCIDENT_ID", "ridership-0001");
        assertThat(parameters.get("DRIFTED_COLUMNS")).contains("Clark_Lake,").doesNotContain(" ");

        // the plugin scheduled the retrain job: the incident is marked, and the next check holds the cool-down
        Run marked = launch(Invocation.retraining(registry.toString(), "ridership-0001", "retrain #1 scheduled",
                ".mlstages/retraining-1"), Map.of());
        assertThat(marked.exitCode()).as(marked.log()).isZero();
        assertThat(workspace.resolve(".mlstages/retraining-1/retraining.json")).content()
                .contains("\"RETRAINING\"", "retrain #1 scheduled");
        Run again = run(StepCatalog.CHECK_DRIFT, values("model", "ridership", "current", "data/chicago-b-next.csv",
                "onDrift", "FAIL"));
        assertThat(again.exitCode()).as(again.log()).isEqualTo(1);
        assertThat(again.result()).containsEntry("outcome", "FAIL").containsEntry("incidentId", "ridership-0001")
                .containsEntry("incidentOpened", false).containsEntry("retrainDue", false)
                .containsEntry("incidentStage", "RETRAINING");
        assertThat((String) again.result().get("retrainReason")).startsWith("cool-down");

        // the retrained model, verified against the incident (validateModel incident:) and the champion in the
        // registry, mitigates the incident
        trained("data/chicago-b-train.csv", "models/v2");
        Run challenger = run(StepCatalog.VALIDATE, values("model", "models/v2", "data", "data/chicago-b-live.csv",
                "min", "r2=0.5", "registryModel", "ridership", "minRelativeImprovement", "rmse=0.1",
                "incident", "ridership-0001"));
        assertThat(challenger.exitCode()).as(challenger.log()).isZero();
        assertThat(challenger.result()).containsEntry("blessed", true);
        assertThat(list(challenger.result().get("gates"))).anySatisfy(gate -> assertThat(map(gate))
                .containsEntry("name", "incident coverage").containsEntry("passed", true));
        assertThat(map(challenger.result().get("baselineMetrics"))).containsKey("rmse");
        Run second = run(StepCatalog.DEPLOY, values("model", "ridership", "package", "models/v2"));
        assertThat(second.exitCode()).as(second.log()).isZero();
        assertThat(second.result()).containsEntry("version", 2).containsEntry("previousVersion", 1)
                .containsEntry("mitigatedIncident", "ridership-0001");
        Run resolved = run(StepCatalog.CHECK_DRIFT, values("model", "ridership", "current", "data/chicago-b-next.csv"));
        assertThat(resolved.exitCode()).as(resolved.log()).isZero();

        // each result names what it did to the incident, as the build page's timeline reads it
        assertThat(drift.result()).containsEntry("incidentEvents", List.of("detected"));
        assertThat(again.result()).containsEntry("incidentEvents", List.of("found-again"));
        assertThat(challenger.result()).containsEntry("incidentId", "ridership-0001")
                .containsEntry("incidentEvents", List.of("verified"));
        assertThat(second.result()).containsEntry("incidentId", "ridership-0001")
                .containsEntry("incidentEvents", List.of("mitigated"));
        assertThat(resolved.result()).containsEntry("incidentId", "ridership-0001")
                .containsEntry("incidentEvents", List.of("resolved"));
        assertThat(clean.result()).containsEntry("incidentEvents", List.of());
        assertThat(validate.result()).containsEntry("incidentId", null).containsEntry("incidentEvents", List.of());

        // the incident's own file: every step names its event, none is judged from its note
        IncidentTimeline timeline = IncidentTimeline.parse(Files.readString(registry.resolve(
                "incidents/ridership/ridership-0001.json")), "ridership-0001.json");
        assertThat(timeline.entries()).filteredOn(e -> !e.event().equals("finding"))
                .extracting(IncidentTimeline.Entry::event).containsExactly("detected", "retrain-requested",
                        "verified", "mitigated", "resolved");
        assertThat(timeline.entries()).noneMatch(IncidentTimeline.Entry::guessed);

        // the builds of the loop as the plugin would see them: the nightly job started this model's check and another
        // model's, which started a retrain of its own; the retrain job (started by the check) validated, and started
        // the deployment
        long t = 1_796_000_000_000L;
        List<IncidentBuilds.Build> builds = List.of(
                build("nightly", 5, t, List.of(), List.of()),
                build("drift-check", 41, t + 1, List.of("nightly#5"), IncidentBuilds.eventsOf("checkDrift",
                        drift.result(), t + 10)),
                build("other-check", 9, t + 2, List.of("nightly#5"), List.of(new IncidentBuilds.Event("other-0001",
                        "detected", t + 11, "checkDrift"))),
                build("retrain", 8, t + 20, List.of("other-check#9"), List.of()),
                build("drift-check", 42, t + 30, List.of(), IncidentBuilds.eventsOf("checkDrift", again.result(),
                        t + 31)),
                build("retrain", 7, t + 40, List.of("drift-check#41"), IncidentBuilds.eventsOf("validateModel",
                        challenger.result(), t + 45)),
                build("deploy", 12, t + 50, List.of("retrain#7"), List.of()),
                build("deploy", 13, t + 60, List.of("retrain#7"), IncidentBuilds.eventsOf("deployModel",
                        second.result(), t + 61)),
                build("drift-check", 43, t + 70, List.of(), IncidentBuilds.eventsOf("checkDrift", resolved.result(),
                        t + 71)));

        IncidentBuilds loop = IncidentBuilds.of("ridership-0001", "retrain#7", builds);

        assertThat(loop.builds()).extracting(l -> l.build().key()).containsExactly("nightly#5", "drift-check#41",
                "drift-check#42", "retrain#7", "deploy#12", "deploy#13", "drift-check#43");
        assertThat(loop.builds()).extracting(IncidentBuilds.Linked::link).containsExactly(
                IncidentBuilds.Link.STARTED, IncidentBuilds.Link.INCIDENT_ID, IncidentBuilds.Link.INCIDENT_ID,
                IncidentBuilds.Link.INCIDENT_ID, IncidentBuilds.Link.STARTED_BY, IncidentBuilds.Link.INCIDENT_ID,
                IncidentBuilds.Link.INCIDENT_ID);
        assertThat(loop.rows()).extracting(IncidentBuilds.Row::event).containsExactly(null, "detected",
                "found-again", "verified", null, "mitigated", "resolved");
        assertThat(loop.rows()).extracting(IncidentBuilds.Row::loop).containsExactly("linked build", "drift check",
                "drift check", "validation", "linked build", "deployment", "drift check");
        String html = loop.toHtml(IncidentBuilds.relativeRoot("job/retrain/7/", 0));
        assertThat(html).contains("<b><a href=\"../../../job/retrain/7/\">retrain #7</a> (this build)</b>",
                "<a href=\"../../../job/drift-check/41/\">drift-check #41</a>", "<td>started by retrain #7</td>",
                "<td>started drift-check #41</td>", "across 7 builds")
                .doesNotContain("other-check", "retrain #8");
    }

    /** A build as the plugin collects it (an {@code IncidentAction}'s events and the run's upstream causes). */
    private static IncidentBuilds.Build build(final String job, final int number, final long started,
            final List<String> upstream, final List<IncidentBuilds.Event> events) {
        return new IncidentBuilds.Build(IncidentBuilds.key(job, number), job, number, "job/" + job + "/" + number
                + "/", started, upstream, events);
    }

    @Test
    void shouldCompareWithAReferenceDatasetWithoutAnIncident() throws Exception {
        Run drift = run(StepCatalog.CHECK_DRIFT, values("reference", "data/chicago-a-train.csv", "current",
                "data/chicago-b-live.csv", "target", "ridership", "onDrift", "REPORT"));

        assertThat(drift.exitCode()).as(drift.log()).isEqualTo(1);
        assertThat(drift.invocation().command()).isEqualTo("drift");
        assertThat(drift.result()).containsEntry("outcome", "REPORTED").containsEntry("datasetDrift", true)
                .containsEntry("model", null).containsEntry("version", null).containsEntry("incidentId", null)
                .containsEntry("incidentOpened", false).containsEntry("retrainDue", false);
        assertThat((String) drift.result().get("retrainReason")).contains("reference");
        assertThat(workspace.resolve((String) drift.result().get("htmlFile"))).exists();

        Run same = run(StepCatalog.CHECK_DRIFT, values("reference", "data/chicago-a-train.csv", "current",
                "data/chicago-a-live.csv", "target", "ridership"));
        assertThat(same.exitCode()).as(same.log()).isZero();
        assertThat(same.result()).containsEntry("datasetDrift", false).containsEntry("outcome", "PASSED");
    }

    @Test
    void shouldReportAFailedGateAndARefusedDeploymentAsFindings() throws Exception {
        trained("data/chicago-a-train.csv", "models/v1");

        Run validate = run(StepCatalog.VALIDATE, values("model", "models/v1", "data",
                "data/chicago-a-validation.csv", "min", "r2=0.99", "onFailure", "report"));
        assertThat(validate.exitCode()).as(validate.log()).isEqualTo(1);
        assertThat(validate.result()).containsEntry("passed", false).containsEntry("blessed", false)
                .containsEntry("outcome", "REPORTED");
        assertThat(list(validate.result().get("failedGates"))).hasSize(1);
        assertThat(workspace.resolve("models/v1/blessing.json")).doesNotExist();

        Run deploy = run(StepCatalog.DEPLOY, values("model", "ridership", "package", "models/v1"));
        assertThat(deploy.exitCode()).as(deploy.log()).isEqualTo(1);
        assertThat(deploy.result()).containsEntry("outcome", "FAIL").containsEntry("deployed", false)
                .containsEntry("model", "ridership");
        assertThat((String) deploy.result().get("refused")).contains("bless");
    }

    @Test
    void shouldReturnTheErrorWhenTheInputIsBad() throws Exception {
        Run train = run(StepCatalog.TRAIN, values("data", "data/absent.csv", "target", "ridership", "output",
                "models/x", "algorithm", "linear"));

        assertThat(train.exitCode()).isEqualTo(2);
        assertThat(train.log()).contains("absent.csv");
        assertThat(train.result()).containsEntry("outcome", "ERROR").containsEntry("exitCode", 2)
                .containsKey("error");
        assertThat(train.result().get("error").toString()).contains("bad input");
    }

    @Test
    void shouldFailClearlyWhenTheRegistryIsNotReachable() throws Exception {
        StepSpec step = StepCatalog.step(StepCatalog.CHECK_DRIFT);
        Invocation invocation = Invocation.of(step, Map.of("model", "ridership", "current", "data/chicago-a-live.csv",
                "registry", shared.resolve("not-mounted").toString()), null, ".mlstages/check");

        Run run = launch(invocation, Map.of());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.log()).contains("not-mounted", "no such folder");
        assertThat(StepResults.read(step, invocation, run.exitCode(), null, null))
                .contains(entry("outcome", "ERROR"));
    }

    @Test
    void shouldPassTheDeployTokenThroughTheEnvironmentAndNeverOnTheCommandLine() throws Exception {
        trained("data/chicago-a-train.csv", "models/v1");
        Map<String, Object> values = values("model", "ridership", "package", "models/v1", "force", true,
                "credentialsId", "deploy-token", "target", "http=http://127.0.0.1:9/models", "attempts", 1);
        Invocation invocation = Invocation.of(StepCatalog.step(StepCatalog.DEPLOY), values, registry.toString(),
                ".mlstages/deploy");
        String secret = "s3cret-t0ken-value";
        assertThat(invocation.environment()).containsEntry(Invocation.TOKEN_VARIABLE, "deploy-token");

        Run run = launch(invocation, Map.of(Invocation.TOKEN_VARIABLE, secret));

        assertThat(invocation.arguments()).noneMatch(a -> a.contains(secret)).contains("--token-env="
                + Invocation.TOKEN_VARIABLE);
        // nothing listens on port 9: the http target fails, and the token appears nowhere
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.log()).doesNotContain(secret);
        assertThat(workspace.resolve(invocation.resultFile())).content().doesNotContain(secret).contains("FAILED");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value) {
        return (Map<String, Object>) value;
    }
}
