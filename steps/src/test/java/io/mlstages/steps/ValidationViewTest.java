package io.mlstages.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The build page's view of real validation reports and deployments, produced as the plugin produces them: the
 * steps' invocations run by the {@code mlstages} jar in a child JVM on the breast cancer data. A strongly regularised
 * logistic model is deployed as the champion ({@code cancer} v1); a plainer one is validated against it with an
 * accuracy floor it misses, then deployed as v2.
 */
class ValidationViewTest {
    private static final Path CLI_JAR = Path.of("../cli/target/mlstages-all.jar");
    private static final Path DATASETS = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workspace;

    private static Path registry;
    private static int calls;
    private static Map<String, Object> championDeployment;
    private static Map<String, Object> failedValidation;
    private static String failedReport;
    private static String passedReport;
    private static Map<String, Object> slicedValidation;
    private static String slicedReport;
    private static Map<String, Object> challengerDeployment;
    private static Map<String, Object> unreachableDeployment;
    private static Map<String, Object> refusedDeployment;

    @BeforeAll
    static void runThePipeline() throws IOException, InterruptedException {
        assertThat(CLI_JAR).as("the CLI's shaded jar, built by the cli module before this one").exists();
        Path data = Files.createDirectories(workspace.resolve("data"));
        Files.copy(DATASETS.resolve("breast-cancer-train.csv"), data.resolve("train.csv"));
        Files.copy(DATASETS.resolve("breast-cancer-test.csv"), data.resolve("test.csv"));
        registry = Files.createDirectories(workspace.resolve("registry"));

        step(StepCatalog.TRAIN, 0, "data", "data/train.csv", "target", "diagnosis", "output", "models/champion",
                "algorithm", "logistic", "param", "l2=100");
        step(StepCatalog.TRAIN, 0, "data", "data/train.csv", "target", "diagnosis", "output", "models/challenger",
                "algorithm", "logistic");
        championDeployment = step(StepCatalog.DEPLOY, 0, "model", "cancer", "package", "models/champion",
                "noRequireBlessing", true);

        failedValidation = step(StepCatalog.VALIDATE, 1, "model", "models/challenger", "data", "data/test.csv",
                "min", "accuracy=0.999", "registryModel", "cancer", "maxRegression", "roc_auc=0.01", "noBless", true,
                "onFailure", "REPORT");
        failedReport = Files.readString(workspace.resolve((String) failedValidation.get("reportFile")));
        Map<String, Object> passed = step(StepCatalog.VALIDATE, 0, "model", "models/challenger", "data",
                "data/test.csv", "min", "accuracy=0.9");
        passedReport = Files.readString(workspace.resolve((String) passed.get("reportFile")));
        // about 0.99 accurate overall, 0.97 on the second quarter of tumour radii: that slice misses 0.98
        slicedValidation = step(StepCatalog.VALIDATE, 1, "model", "models/challenger", "data", "data/test.csv",
                "min", "accuracy=0.9", "slice", "mean_radius", "minSlice", "accuracy=0.98", "minSliceRows", 20,
                "noBless", true, "onFailure", "REPORT");
        slicedReport = Files.readString(workspace.resolve((String) slicedValidation.get("reportFile")));

        challengerDeployment = step(StepCatalog.DEPLOY, 0, "model", "cancer", "package", "models/challenger",
                "target", "directory=serving");
        // nothing listens on port 9: the http target fails and the alias stays where it was
        Files.writeString(workspace.resolve("token.txt"), "not-a-real-token\n");
        unreachableDeployment = step(StepCatalog.DEPLOY, 1, "model", "cancer", "version", 1, "force", true,
                "target", "http=http://127.0.0.1:9/models", "tokenFile", "token.txt", "attempts", 1,
                "onFailure", "REPORT");
        // the champion was never validated: without noRequireBlessing the engine refuses it before any target
        refusedDeployment = step(StepCatalog.DEPLOY, 1, "model", "cancer", "package", "models/champion",
                "target", "directory=serving", "onFailure", "REPORT");
    }

    /** Runs a step's invocation with the jar in the workspace, as the plugin does, and reads its result map. */
    private static Map<String, Object> step(final String name, final int exitCode, final Object... pairs)
            throws IOException, InterruptedException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        StepSpec step = StepCatalog.step(name);
        Invocation invocation = Invocation.of(step, values, registry.toString(), ".mlstages/" + name + "-" + (++calls));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(ChildJvm.command(java, ChildJvm.DEFAULT_OPTIONS,
                CLI_JAR.toAbsolutePath().toString(), invocation.arguments()));
        Path log = Files.createTempFile(workspace, "step", ".log");
        Process process = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("mlstages " + invocation.display()).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isEqualTo(exitCode);
        Path result = workspace.resolve(invocation.resultFile());
        return StepResults.read(step, invocation, process.exitValue(), OnFinding.of(step, values),
                Files.readString(result, StandardCharsets.UTF_8), null);
    }

    @Test
    void shouldShowTheFailedGateAgainstTheChampionWithTheMetricsAndTheirDifferences() throws IOException {
        ValidationView view = ValidationView.parse(failedReport, "validation.json");
        JsonNode raw = JSON.readTree(failedReport);

        assertThat(view.passed()).isFalse();
        assertThat(view.task()).isEqualTo("binary");
        assertThat(view.model().label()).isEqualTo("challenger");
        assertThat(view.model().shortSha256()).hasSize(12).isEqualTo(raw.path("model").path("sha256").asText()
                .substring(0, 12));
        assertThat(view.hasBaseline()).isTrue();
        assertThat(view.baseline().label()).isEqualTo("cancer v1");
        assertThat(view.rows()).isEqualTo(Files.readAllLines(workspace.resolve("data/test.csv")).size() - 1L);

        // the test rows reach about 0.99 accuracy: only the 0.999 floor fails, the champion comparison passes
        assertThat(view.failedGates()).extracting(ValidationView.Gate::name).containsExactly("min accuracy");
        assertThat(view.failedGates()).extracting(ValidationView.Gate::name)
                .isEqualTo(failedValidation.get("failedGates"));
        assertThat(view.gatesFailed()).isEqualTo(1).isEqualTo(raw.path("gatesFailed").asInt());
        assertThat(view.gatesPassed()).isEqualTo(raw.path("gatesPassed").asInt())
                .isEqualTo(view.gates().size() - 1);
        ValidationView.Gate floor = view.failedGates().get(0);
        assertThat(floor.kind()).isEqualTo("metric");
        assertThat(floor.metric()).isEqualTo("accuracy");
        assertThat(floor.bound()).isEqualTo("0.999");
        assertThat(floor.baseline()).isEmpty();
        assertThat(floor.value()).isEqualTo(DriftView.format(raw.path("metrics").path("values").path("accuracy")
                .doubleValue()));
        assertThat(Double.parseDouble(floor.value())).isLessThan(0.999);
        assertThat(floor.message()).contains("accuracy", "0.999");
        ValidationView.Gate champion = view.gates().stream().filter(g -> g.kind().equals("baseline")).findFirst()
                .orElseThrow();
        assertThat(champion.passed()).isTrue();
        assertThat(champion.metric()).isEqualTo("roc_auc");
        assertThat(champion.baseline()).isEqualTo(DriftView.format(raw.path("baselineMetrics").path("values")
                .path("roc_auc").doubleValue()));
        assertThat(view.gates()).anySatisfy(g -> assertThat(g.kind()).isEqualTo("data"));

        assertThat(view.metrics()).extracting(ValidationView.Metric::name)
                .containsExactlyElementsOf(((Map<?, ?>) failedValidation.get("metrics")).keySet().stream()
                        .map(String::valueOf).toList());
        for (ValidationView.Metric metric : view.metrics()) {
            double value = raw.path("metrics").path("values").path(metric.name()).doubleValue();
            double base = raw.path("baselineMetrics").path("values").path(metric.name()).doubleValue();
            assertThat(metric.value()).isEqualTo(DriftView.format(value));
            assertThat(metric.baseline()).isEqualTo(DriftView.format(base));
            assertThat(metric.difference()).isEqualTo(ValidationView.signed(value - base));
        }
        // the plain model beats the heavily regularised champion on log loss, so its difference is negative
        ValidationView.Metric logLoss = view.metrics().stream().filter(m -> m.name().equals("log_loss")).findFirst()
                .orElseThrow();
        assertThat(logLoss.difference()).startsWith("-");
        // the summary leads with what the gates asked about
        assertThat(view.headlineMetrics(3)).extracting(ValidationView.Metric::name)
                .containsExactly("accuracy", "roc_auc", "precision");
    }

    @Test
    void shouldShowTheFeaturesWeightsAndTheFailedSliceOfASlicedValidation() {
        ValidationView view = ValidationView.parse(slicedReport, "validation.json");
        BreakdownView breakdown = view.breakdown();

        assertThat(view.failedGates()).extracting(ValidationView.Gate::name)
                .containsExactly("min accuracy per slice of mean_radius")
                .isEqualTo(slicedValidation.get("failedGates"));
        assertThat(view.gates()).filteredOn(g -> g.name().equals("min accuracy")).singleElement()
                .satisfies(g -> assertThat(g.passed()).isTrue());
        assertThat(breakdown.method()).isEqualTo("standardized-coefficients");
        assertThat(breakdown.scale()).isEqualTo("log-odds");
        assertThat(breakdown.features()).hasSize(30);
        assertThat(breakdown.topFeatures()).matches("\\w+ \\d+%, \\w+ \\d+%, \\w+ \\d+%");
        assertThat(breakdown.metrics()).containsExactly("accuracy");
        assertThat(breakdown.slices()).hasSize(4);
        BreakdownView.Slice worst = breakdown.slices().get(0);
        assertThat(worst.name()).isEqualTo("mean_radius=[13.54, 16.65)");
        assertThat(worst.rows()).isEqualTo(35);
        assertThat(worst.values()).containsExactly("0.9714");
        assertThat(worst.verdict()).isEqualTo("failed: min accuracy");
        assertThat(breakdown.slices().subList(1, 4)).allSatisfy(s -> assertThat(s.verdict()).isEqualTo("ok"));
        assertThat(breakdown.failedSlices()).isEqualTo("1 of 4 slices failed: mean_radius=[13.54, 16.65)");
        // a report without slices has its explanation but no slice table
        assertThat(ValidationView.parse(passedReport, "validation.json").breakdown().slices()).isEmpty();
    }

    @Test
    void shouldShowAPassWithoutABaselineWithNoDifferences() {
        ValidationView view = ValidationView.parse(passedReport, "validation.json");

        assertThat(view.passed()).isTrue();
        assertThat(view.hasBaseline()).isFalse();
        assertThat(view.failedGates()).isEmpty();
        assertThat(view.gatesPassed()).isEqualTo(view.gates().size()).isGreaterThan(30);
        assertThat(view.metrics()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.value()).isNotEmpty();
            assertThat(m.baseline()).isEmpty();
            assertThat(m.difference()).isEmpty();
        });
        assertThat(view.headlineMetrics(0)).isEmpty();
        assertThat(view.headlineMetrics(100)).hasSameSizeAs(view.metrics());
    }

    @Test
    void shouldSummariseDeploymentsFromTheirResultMaps() {
        DeploymentSummary first = DeploymentSummary.of(championDeployment);
        assertThat(first.model()).isEqualTo("cancer");
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.previousVersion()).isNull();
        assertThat(first.alias()).isEqualTo("production");
        assertThat(first.deployed()).isTrue();
        assertThat(first.targetsOk()).containsExactly("registry");
        assertThat(first.targetsFailed()).isEmpty();
        assertThat(first.mitigatedIncident()).isNull();
        // the champion package was never validated: noRequireBlessing put it out unblessed, which the registry records
        // as forced, and nothing in this build names a gate it skipped
        assertThat(first.forced()).isTrue();
        assertThat(first.forcedNote()).startsWith("Forced: deployed without a blessing").doesNotContain("skipping");

        DeploymentSummary second = DeploymentSummary.of(challengerDeployment);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.previousVersion()).isEqualTo(1);
        assertThat(second.targetsOk()).hasSize(2).last().isEqualTo("registry");
        assertThat(second.targetsOk().get(0)).startsWith("directory");
        assertThat(second.forced()).as("blessed by the passed validation").isFalse();
        assertThat(second.forcedNote()).isEmpty();

        DeploymentSummary unreachable = DeploymentSummary.of(unreachableDeployment);
        assertThat(unreachable.deployed()).isFalse();
        assertThat(unreachable.refused()).contains("was not moved");
        // the http target failed, so the registry alias, always last, was not moved either
        assertThat(unreachable.targetsOk()).isEmpty();
        assertThat(unreachable.targetsFailed()).hasSize(2);
        assertThat(unreachable.targetsFailed().get(0)).startsWith("http").contains(": ", "127.0.0.1:9");
        assertThat(unreachable.targetsFailed().get(1)).startsWith("registry: ");

        DeploymentSummary refused = DeploymentSummary.of(refusedDeployment);
        assertThat(refused.deployed()).isFalse();
        assertThat(refused.refused()).contains("bless");
        assertThat(refused.targetsOk()).isEmpty();
        assertThat(refused.targetsFailed()).isEmpty();

        assertThatThrownBy(() -> DeploymentSummary.of(Map.of("version", 1))).isInstanceOf(StepException.class)
                .hasMessageContaining("\"model\"");
    }

    @Test
    void shouldNameTheGatesAForcedDeploymentSkippedFromThisBuildsValidationOfTheSamePackage() {
        @SuppressWarnings("unchecked")
        List<String> failed = (List<String>) (List<?>) failedValidation.get("failedGates");
        assertThat(failed).containsExactly("min accuracy");
        List<Map.Entry<String, List<String>>> validations = List.of(Map.entry("models/champion", List.of()),
                Map.entry("./models/challenger", failed));

        List<String> skipped = DeploymentSummary.skippedGates("models/challenger/", validations);
        DeploymentSummary forced = DeploymentSummary.of(unreachableDeployment).withSkippedGates(skipped);

        assertThat(skipped).containsExactly("min accuracy");
        assertThat(forced.forced()).as("version 1 was never blessed, and force: true put it out").isTrue();
        assertThat(forced.forcedNote()).isEqualTo("Forced: deployed without a blessing, skipping the failed gates "
                + "min accuracy");
        assertThat(DeploymentSummary.skippedGates("models/champion", validations)).isEmpty();
        assertThat(DeploymentSummary.skippedGates("models/other", validations)).isEmpty();
        assertThat(DeploymentSummary.skippedGates(null, validations)).as("a registered version").isEmpty();
    }

    @Test
    void shouldNameTheSourceAndTheFieldWhenItIsNotAValidationReport() throws IOException {
        assertThatThrownBy(() -> ValidationView.parse("{\"kind\":\"mlstages-drift-report\"}", "reports/x.json"))
                .isInstanceOf(StepException.class).hasMessageContaining("reports/x.json")
                .hasMessageContaining("not a validation report");
        assertThatThrownBy(() -> ValidationView.parse("{\"kind\":", "reports/y.json"))
                .isInstanceOf(StepException.class).hasMessageContaining("reports/y.json");

        com.fasterxml.jackson.databind.node.ObjectNode broken = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(failedReport);
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("gates").get(2)).remove("passed");
        assertThatThrownBy(() -> ValidationView.parse(broken.toString(), "validation.json"))
                .isInstanceOf(StepException.class).hasMessageContaining("validation.json")
                .hasMessageContaining("\"gates[2].passed\"");
        broken.remove("gates");
        assertThatThrownBy(() -> ValidationView.parse(broken.toString(), "validation.json"))
                .hasMessageContaining("\"gates\"");
        broken.put("task", 3);
        assertThatThrownBy(() -> ValidationView.parse(broken.toString(), "validation.json"))
                .hasMessageContaining("\"task\"");
    }

    @Test
    void shouldSignDifferences() {
        assertThat(ValidationView.signed(0.01412)).isEqualTo("+0.01412");
        assertThat(ValidationView.signed(-0.02)).isEqualTo("-0.02");
        assertThat(ValidationView.signed(0)).isEqualTo("0");
        assertThat(ValidationView.signed(Double.NaN)).isEqualTo("n/a");
    }
}
