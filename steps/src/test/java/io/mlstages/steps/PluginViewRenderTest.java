package io.mlstages.steps;

import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.report.DriftReportJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build page's summaries and the report pages, rendered by real Jelly and JEXL ({@link JellyViews}) from the
 * plugin's own action classes holding real reports: Chicago ridership 2002 against 2008 for drift, a breast cancer
 * challenger validated against a champion package. What a reader sees must keep its words apart where Jelly trims
 * whitespace, say nothing about retraining for a reference-only check, and mark a forced deployment. The report pages
 * are also written to {@code target/mlstages-views/} for a look in a browser.
 */
class PluginViewRenderTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final Path CLI_JAR = Path.of("../cli/target/mlstages-all.jar");
    private static final Path VIEWS = PluginSources.pluginDir().resolve("src/main/resources/io/jenkins/plugins/mlstages");
    /** Where the rendered pages go, with a style sheet that imitates Jenkins' tables and its side panel. */
    static final Path OUTPUT = Path.of("target/mlstages-views");

    @TempDir
    static Path workspace;

    private static PluginSources sources;
    private static DriftView drift;
    private static ValidationView validation;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        sources = PluginSources.compile();
        Profile reference = Profiles.of(DATA.resolve("chicago-2002.csv"), ReadOptions.defaults(), ProfileSettings.defaults());
        Profile current = Profiles.of(DATA.resolve("chicago-2008.csv"), ReadOptions.defaults(), ProfileSettings.defaults());
        drift = DriftView.parse(DriftReportJson.toString(DriftDetector.compare(reference, current,
                DriftOptions.defaults().withTarget("ridership"))), "report.json");
        validation = ValidationView.parse(challengerReport(), "validation.json");
        Files.createDirectories(OUTPUT);
        Files.copy(Path.of("src/test/resources/jenkins-like.css"), OUTPUT.resolve("jenkins-like.css"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void shouldKeepTheWordsApartOnTheDriftSummaryOfARegisteredModel() throws Exception {
        Object action = driftAction("ridership", 1, "ridership-0001", "OPEN", "high",
                "started ridership-retrain for incident ridership-0001 (Clark_Lake)");

        String text = JellyViews.text(render("DriftAction/summary.jelly", Map.of("it", action)));

        assertThat(text).contains("Dataset drift: " + drift.driftSharePercent() + " of the feature columns drifted "
                + "(threshold 30%); model ridership version 1");
        assertThat(text).containsPattern("Most drifted: \\w+ \\([\\w-]+ [\\d.e-]+\\), \\w+ \\(");
        assertThat(text).contains("Incident ridership-0001: OPEN, severity high",
                "Retrain: started ridership-retrain for incident ridership-0001 (Clark_Lake)");
    }

    @Test
    void shouldShowTheSkippedRowsOnTheDriftSummary() throws Exception {
        // (the harness does not apply Stapler's escape-by-default, which the view declares, so no markup here)
        Object action = driftAction(null, null, null, null, null, null);
        set(action, "view", new DriftView(drift.datasetDrift(), drift.driftShare(), drift.threshold(),
                drift.reference(), drift.current(), drift.referenceRows(), drift.currentRows(), drift.columns(), 2,
                List.of("live.csv:40:temp: 'hot' is not a number", "live.csv:80: the row has 2 fields")));

        String text = JellyViews.text(render("DriftAction/summary.jelly", Map.of("it", action)));

        assertThat(text).contains("Skipped 2 malformed rows (onBadRows 'skip'); the first: live.csv:40:temp: 'hot' is "
                + "not a number");
        assertThat(JellyViews.text(render("DriftAction/summary.jelly",
                Map.of("it", driftAction(null, null, null, null, null, null))))).doesNotContain("Skipped");
    }

    @Test
    void shouldShowTheViolatedConstraintsOnTheDriftSummary() throws Exception {
        Object action = driftAction(null, null, null, null, null, null);
        set(action, "view", new DriftView(drift.datasetDrift(), drift.driftShare(), drift.threshold(),
                drift.reference(), drift.current(), drift.referenceRows(), drift.currentRows(), drift.columns(), 0,
                List.of(), "", new ConstraintsView(12, 1, List.of("ridership: min >= 0: 1 in 366 rows; e.g. live.csv:11: "
                        + "-50")), List.of(), null));

        String text = JellyViews.text(render("DriftAction/summary.jelly", Map.of("it", action)));

        assertThat(text).contains("Constraints: 1 of 12 violated").contains("ridership: min >= 0: 1 in 366 rows; "
                + "e.g. live.csv:11: -50");
        assertThat(JellyViews.text(render("DriftAction/summary.jelly",
                Map.of("it", driftAction(null, null, null, null, null, null))))).doesNotContain("Constraints");
    }

    @Test
    void shouldShowThePerformanceEstimateOnTheDriftSummary() throws Exception {
        Object action = driftAction(null, null, null, null, null, null);
        set(action, "view", new DriftView(drift.datasetDrift(), drift.driftShare(), drift.threshold(),
                drift.reference(), drift.current(), drift.referenceRows(), drift.currentRows(), drift.columns(), 0,
                List.of(), "", ConstraintsView.none(), List.of(), null,
                "Estimated without labels (500 rows, 95% band): accuracy 0.81 [0.78, 0.84]"));

        String text = JellyViews.text(render("DriftAction/summary.jelly", Map.of("it", action)));

        assertThat(text).contains("Estimated without labels (500 rows, 95% band): accuracy 0.81 [0.78, 0.84]");
        assertThat(JellyViews.text(render("DriftAction/summary.jelly",
                Map.of("it", driftAction(null, null, null, null, null, null))))).doesNotContain("Estimated");
    }

    @Test
    void shouldSayNothingAboutRetrainingForAReferenceOnlyCheck() throws Exception {
        Object action = driftAction(null, null, null, null, null, null);

        String text = JellyViews.text(render("DriftAction/summary.jelly", Map.of("it", action)));

        assertThat(text).contains("of the feature columns drifted (threshold 30%)").doesNotContain("Retrain", "model");
    }

    @Test
    void shouldKeepTheWordsApartOnTheValidationAndDeploymentSummaries() throws Exception {
        Object checked = validationAction();
        Object first = deploymentAction("deployment", 1, null, false, List.of());
        Object forced = deploymentAction("deployment-2", 2, 1, true, List.of("min accuracy"));

        String validationText = JellyViews.text(render("ModelAction/summary.jelly", Map.of("it", checked)));
        String firstText = JellyViews.text(render("ModelAction/summary.jelly", Map.of("it", first)));
        String forcedText = JellyViews.text(render("ModelAction/summary.jelly", Map.of("it", forced)));

        assertThat(validationText).contains("Validation failed: " + validation.gatesPassed() + " of "
                + validation.gates().size() + " gates passed", "Against baseline champion:", "Failed: min accuracy");
        assertThat(validationText).containsPattern("Top features: \\w+ \\d+%, \\w+ \\d+%, \\w+ \\d+%");
        assertThat(firstText).doesNotContain("Top features");
        // "accuracy 0.9789 (+0.01408)", never "0.9789(+0.01408)"
        assertThat(validationText).containsPattern("Metrics: accuracy [\\d.]+, ")
                .containsPattern("Against baseline champion: accuracy [\\d.]+ \\([+-]?[\\d.]+\\), ")
                .doesNotContainPattern("\\d\\(");
        assertThat(firstText).contains("Deployed cancer v1 to production (its first version there)")
                .doesNotContain("Forced");
        assertThat(forcedText).contains("Deployed cancer v2 to production (was v1)",
                "Forced: deployed without a blessing, skipping the failed gates min accuracy",
                "Targets done: directory=serving, registry");
    }

    @Test
    void shouldReproduceTheWordsThatRanTogetherInTheFirstRunInJenkins() throws Exception {
        // the five places seen in a real Jenkins, as the views were written then: the harness must show them too
        Path old = workspace.resolve("old-summary.jelly");
        Files.writeString(old, """
                <?jelly escape-by-default='true'?>
                <j:jelly xmlns:j="jelly:core">
                  <p>Deployed <code>${deployment.alias}</code>
                    <j:choose>
                      <j:when test="${deployment.previousVersion != null}"> (was v${deployment.previousVersion})</j:when>
                    </j:choose>
                  </p>
                  <p><strong>Deployment of ${deployment.model}<j:if test="${deployment.version != null}"> v${deployment.version}</j:if> failed</strong></p>
                  <p>
                    <j:forEach var="metric" items="${metrics}">
                      ${metric.name()} <code>${metric.baseline()}</code><j:if test="${!empty(metric.difference())}"> (${metric.difference()})</j:if>
                    </j:forEach>
                  </p>
                  <p>
                    <j:choose>
                      <j:when test="${drift.datasetDrift}">
                        <strong>Dataset drift</strong>: ${drift.driftSharePercent} of the feature columns drifted
                      </j:when>
                    </j:choose>
                    <j:if test="${!empty(drift.thresholdPercent)}"> (threshold ${drift.thresholdPercent})</j:if>
                    <j:if test="${drift.model != null}">; model ${drift.model}<j:if test="${drift.version != null}"> version ${drift.version}</j:if></j:if>
                  </p>
                </j:jelly>
                """);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("deployment", deploymentAction("deployment", 2, 1, false, List.of()));
        variables.put("metrics", validation.headlineMetrics(1));
        variables.put("drift", driftAction("ridership", 1, null, null, null, null));

        String text = JellyViews.text(JellyViews.render(old, variables, null));

        ValidationView.Metric metric = validation.headlineMetrics(1).get(0);
        assertThat(text).contains("Deployed production(was v1)", "Deployment of cancerv2 failed",
                metric.name() + " " + metric.baseline() + "(" + metric.difference() + ")",
                "of the feature columns drifted(threshold 30%); model ridershipversion 1");
        assertThat(PluginViewTextTest.lint(Files.readString(old), "old-summary.jelly")).hasSize(5);
    }

    @Test
    void shouldWriteTheReportPagesWithNotesUnderTheirRows() throws Exception {
        String driftPage = render("DriftAction/index.jelly", Map.of("it", driftAction("ridership", 1, "ridership-0001",
                "OPEN", "high", "not due: the incident is in its cool-down")));
        String validationPage = render("ModelAction/index.jelly", Map.of("it", validationAction()));
        Files.writeString(OUTPUT.resolve("drift-report.html"), driftPage, StandardCharsets.UTF_8);
        Files.writeString(OUTPUT.resolve("validation-report.html"), validationPage, StandardCharsets.UTF_8);

        // six columns, and each note on a row of its own under its column
        assertThat(driftPage.split("<th>", -1)).hasSize(4 + 6 + 1); // Reference, Current, Incident, Retrain; then the columns
        long notes = drift.columns().stream().filter(c -> !c.note().isEmpty()).count();
        assertThat(notes).as("the Chicago report has notes to place").isPositive();
        assertThat(driftPage.split("class=\"mlstages-note\"", -1)).hasSize((int) notes + 1);
        String driftText = JellyViews.text(driftPage);
        assertThat(driftText).contains("Dataset drift. " + drift.driftSharePercent() + " of the feature columns "
                + "drifted; dataset drift starts at 30%.", "Missing: the share of missing values");
        String validationText = JellyViews.text(validationPage);
        assertThat(validationText).contains("Validation failed: ", "min accuracy", "Difference");
        assertThat(validationText).containsSubsequence("Explanation", "standardized coefficients", "Feature",
                "Weight", "Share", "Slices, worst first", "mean_radius=[", "ok");
        assertThat(validationPage.split("class=\"mlstages-note\"", -1)).hasSize(validation.gates().size() + 1);
    }

    @Test
    void shouldShowTheSegmentTableWorstFirstWithItsValuesCut() throws Exception {
        Object action = driftAction(null, null, null, null, null, null);
        set(action, "view", DriftView.parse(SegmentViewTest.report(workspace), "segments.json"));

        String page = render("DriftAction/index.jelly", Map.of("it", action));
        String summary = JellyViews.text(render("DriftAction/summary.jelly", Map.of("it", action)));
        Files.writeString(OUTPUT.resolve("drift-segments-report.html"), page, StandardCharsets.UTF_8);

        String table = page.substring(page.indexOf("id=\"mlstages-drift-segments\""));
        // Stapler escapes the markup (the view declares escape-by-default; this harness does not apply it)
        assertThat(Files.readString(VIEWS.resolve("DriftAction/index.jelly")))
                .startsWith("<?jelly escape-by-default='true'?>");
        assertThat(table).contains("rent</b>?RRR").contains("... (212 characters)").doesNotContain("\u0007");
        assertThat(JellyViews.text(table)).containsSubsequence("drift", "134 → 45", "67%", "duration, credit_amount",
                "housing=own", "ok", "housing=for free", "too few rows");
        assertThat(summary).contains("1 of 3 segments drifted: housing=").contains("... (212 characters)");
    }

    @Test
    void shouldPrintTheIncidentTimelineAsItsMarkupOnTheBuildPageAndItsOwnPage() throws Exception {
        IncidentBuilds.Build check = new IncidentBuilds.Build("drift-check#41", "drift-check", 41, "job/drift-check/41/",
                1_000, List.of(), List.of(new IncidentBuilds.Event("ridership-0001", "detected", 1_500, "checkDrift")));
        IncidentBuilds.Build retrain = new IncidentBuilds.Build("retrain#7", "retrain", 7, "job/retrain/7/", 2_000,
                List.of("drift-check#41"), List.of(new IncidentBuilds.Event("ridership-0001", "verified", 2_500,
                "validateModel")));
        IncidentBuilds loop = IncidentBuilds.of("ridership-0001", "retrain#7", List.of(check, retrain));
        // the action's getters as JEXL reads them (the real ones collect the builds through Jenkins)
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("iconFileName", "symbol-warning");
        action.put("urlName", "mlstages-incidents");
        action.put("displayName", "Incident timeline");
        action.put("summaryHtml", loop.toHtml(IncidentBuilds.relativeRoot("job/retrain/7/", 0)));
        action.put("pageHtml", loop.toHtml(IncidentBuilds.relativeRoot("job/retrain/7/", 1)));

        String summary = render("IncidentAction/summary.jelly", Map.of("it", action));

        assertThat(summary).contains("<a href=\"mlstages-incidents/\">Incident timeline</a>",
                "<a href=\"../../../job/drift-check/41/\">drift-check #41</a>", "<td>verified</td>")
                .containsOnlyOnce("<table>");
        assertThat(JellyViews.text(summary)).contains("Incident ridership-0001 across 2 builds: drift-check #41");
        assertThat(Files.readString(VIEWS.resolve("IncidentAction/index.jelly"))).contains("${it.pageHtml}")
                .startsWith("<?jelly escape-by-default='true'?>");
    }

    private static String render(final String view, final Map<String, Object> variables) throws Exception {
        return JellyViews.render(VIEWS.resolve(view), new LinkedHashMap<>(variables), "jenkins-like.css");
    }

    private static Object driftAction(final String model, final Integer version, final String incident,
            final String stage, final String severity, final String retrainNote) throws Exception {
        Class<?> type = sources.classLoader().loadClass("io.jenkins.plugins.mlstages.DriftAction");
        Constructor<?> constructor = type.getDeclaredConstructor(String.class, String.class, Integer.class,
                boolean.class, double.class, Double.class, List.class, String.class, String.class, String.class,
                String.class, String.class, boolean.class);
        constructor.setAccessible(true);
        List<String> drifted = drift.columns().stream().filter(DriftView.Column::drift).map(DriftView.Column::name)
                .toList();
        Object action = constructor.newInstance("drift", model, version, drift.datasetDrift(), drift.driftShare(),
                0.3, drifted, incident, stage, severity, null, retrainNote, false);
        set(action, "view", drift);
        return action;
    }

    private static Object validationAction() throws Exception {
        ValidationView.Model base = validation.baseline();
        Object action = modelAction("validation", true, validation.model().label(), validation.passed(),
                validation.gatesPassed(), validation.gates().size(),
                validation.failedGates().stream().map(ValidationView.Gate::name).toList(), base.label(), false,
                "models/challenger", null, null, null, false, null, List.of(), List.of(), null, false, List.of());
        set(action, "view", validation);
        return action;
    }

    private static Object deploymentAction(final String id, final int version, final Integer previous,
            final boolean forced, final List<String> skipped) throws Exception {
        return modelAction(id, false, "cancer", false, 0, 0, List.of(), null, false, null, version, "production",
                previous, true, null, forced ? List.of("directory=serving", "registry") : List.of("registry"),
                List.of(), null, forced, skipped);
    }

    private static Object modelAction(final Object... arguments) throws Exception {
        Class<?> type = sources.classLoader().loadClass("io.jenkins.plugins.mlstages.ModelAction");
        Constructor<?> constructor = type.getDeclaredConstructor(String.class, boolean.class, String.class,
                boolean.class, int.class, int.class, List.class, String.class, boolean.class, String.class,
                Integer.class, String.class, Integer.class, boolean.class, String.class, List.class, List.class,
                String.class, boolean.class, List.class);
        constructor.setAccessible(true);
        return constructor.newInstance(arguments);
    }

    private static void set(final Object target, final String field, final Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    /** A challenger validated against a champion package with an accuracy floor it misses, by the CLI jar. */
    private static String challengerReport() throws IOException, InterruptedException {
        assertThat(CLI_JAR).as("the CLI's shaded jar, built by the cli module before this one").exists();
        Path data = Files.createDirectories(workspace.resolve("data"));
        Files.copy(DATA.resolve("breast-cancer-train.csv"), data.resolve("train.csv"));
        Files.copy(DATA.resolve("breast-cancer-test.csv"), data.resolve("test.csv"));
        cli(0, "train", "--data", "data/train.csv", "--target", "diagnosis", "--output", "models/champion",
                "--algorithm", "logistic", "--param", "l2=100");
        cli(0, "train", "--data", "data/train.csv", "--target", "diagnosis", "--output", "models/challenger",
                "--algorithm", "logistic");
        cli(1, "validate", "--model", "models/challenger", "--data", "data/test.csv", "--min", "accuracy=0.999",
                "--baseline", "models/champion", "--max-regression", "roc_auc=0.01", "--no-bless", "--json",
                "validation.json", "--slice", "mean_radius");
        return Files.readString(workspace.resolve("validation.json"), StandardCharsets.UTF_8);
    }

    private static void cli(final int exitCode, final String... arguments) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(ChildJvm.command(java, ChildJvm.DEFAULT_OPTIONS,
                CLI_JAR.toAbsolutePath().toString(), List.of(arguments)));
        Path log = Files.createTempFile(workspace, "cli", ".log");
        Process process = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("mlstages " + String.join(" ", arguments)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isEqualTo(exitCode);
    }
}
