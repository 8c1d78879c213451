package io.mlstages.steps;

import io.mlstages.steps.JenkinsfileChecker.Call;
import io.mlstages.steps.JenkinsfileChecker.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every Jenkinsfile of the repository and every Groovy example in the docs calls the ML steps only with parameters
 * that {@link StepCatalog} defines (the list the plugin's steps are checked against too), so that neither can drift
 * from the steps. The sources are parsed with Groovy's own parser, never run.
 */
class JenkinsfileStepsTest {
    private static final Path ROOT = RepositoryRoot.find();

    @Test
    void shouldFindTheReferencePipelineAndTheDriftAndRetrainJenkinsfiles() {
        assertThat(jenkinsfiles()).extracting(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                .contains("Jenkinsfile", "test-resources/jenkinsfiles/drift-check.Jenkinsfile",
                        "test-resources/jenkinsfiles/retrain.Jenkinsfile");
    }

    @Test
    void shouldCallStepsOnlyWithTheirParametersInEveryJenkinsfile() {
        List<Result> results = jenkinsfiles().stream().map(JenkinsfileStepsTest::checkFile).toList();

        assertThat(results).hasSizeGreaterThanOrEqualTo(3);
        assertThat(results.stream().flatMap(r -> r.problems().stream()))
                .as("step calls that do not match StepCatalog").isEmpty();
    }

    @Test
    void shouldCallEveryPipelineStepInTheJenkinsfiles() {
        Set<String> called = jenkinsfiles().stream().map(JenkinsfileStepsTest::checkFile)
                .flatMap(r -> r.calls().stream()).map(Call::step).collect(Collectors.toSet());

        assertThat(called).contains(StepCatalog.TRAIN, StepCatalog.VALIDATE, StepCatalog.DEPLOY,
                StepCatalog.CHECK_DRIFT);
    }

    @Test
    void shouldCallEachStepOfTheReferencePipelineWithItsRequiredParameters() {
        Result reference = checkFile(ROOT.resolve("Jenkinsfile"));

        assertThat(reference.calls()).extracting(Call::step)
                .containsExactly(StepCatalog.TRAIN, StepCatalog.VALIDATE, StepCatalog.DEPLOY);
        assertThat(reference.calls().get(0).arguments()).containsKeys("data", "target", "output");
        assertThat(reference.calls().get(1).arguments()).containsKeys("model", "data", "registryModel");
        assertThat(reference.calls().get(2).arguments()).containsKeys("model", "package", "target");
    }

    @Test
    void shouldCallStepsOnlyWithTheirParametersInEveryDocsExample() {
        List<Result> results = new ArrayList<>();
        for (Path markdown : markdownFiles()) {
            String name = ROOT.relativize(markdown).toString();
            for (Map.Entry<Integer, String> block : JenkinsfileChecker.groovyBlocks(read(markdown)).entrySet()) {
                results.add(JenkinsfileChecker.check(name, block.getValue(), block.getKey()));
            }
        }
        assumeThat(results).as("```groovy examples in docs/*.md and README.md").isNotEmpty();

        assertThat(results.stream().flatMap(r -> r.problems().stream()))
                .as("step calls in the docs that do not match StepCatalog").isEmpty();
        // the docs show every step, the freestyle build step's symbol included, so all of them are checked here
        assertThat(results.stream().flatMap(r -> r.calls().stream()).map(Call::step).distinct())
                .containsExactlyInAnyOrderElementsOf(StepCatalog.steps().stream().map(StepSpec::functionName).toList());
    }

    @Test
    void shouldNameFileLineAndKnownParametersOfAMisspeltParameter() {
        Result result = JenkinsfileChecker.check("Misspelt.Jenkinsfile", """
                node {
                    def model = trainModel data: 'train.csv', target: 'y', output: 'model.zip',
                            algoritm: 'linear'
                }
                """, 1);

        assertThat(result.calls()).hasSize(1);
        assertThat(result.problems()).singleElement().asString()
                .startsWith("Misspelt.Jenkinsfile:3: trainModel has no parameter 'algoritm'")
                .contains("takes data, target, output, algorithm, command");
    }

    @Test
    void shouldAcceptACallThatUsesTheStepsParametersRightly() {
        Result result = JenkinsfileChecker.check("Good.Jenkinsfile", """
                node {
                    def drift = checkDrift(model: 'churn', current: 'live/*.csv', coolDown: '6h', onDrift: 'report',
                            alpha: 0.01, noPooling: true, inferRows: 0)
                    deployModel model: 'churn', 'package': drift.model, target: 'directory=/srv/models'
                    validateModel([predictions: 'p.csv', task: 'binary', min: 'auc=0.9'])
                }
                """, 1);

        assertThat(result.calls()).extracting(Call::step)
                .containsExactly(StepCatalog.CHECK_DRIFT, StepCatalog.DEPLOY, StepCatalog.VALIDATE);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void shouldRejectACallWithoutARequiredParameter() {
        Result result = JenkinsfileChecker.check("t", "trainModel data: 'a.csv', output: 'm'\n", 1);

        assertThat(result.problems()).singleElement().asString()
                .contains("t:1: trainModel lacks the required parameter 'target'");
    }

    @Test
    void shouldRejectBothOrNeitherParameterOfAOneOfGroup() {
        Result both = JenkinsfileChecker.check("both", "checkDrift current: 'x.csv', model: 'm', reference: 'r'\n", 1);
        Result neither = JenkinsfileChecker.check("neither", "checkDrift current: 'x.csv'\n", 1);

        assertThat(both.problems()).singleElement().asString()
                .contains("needs exactly one of [model, reference], got [model, reference]");
        assertThat(neither.problems()).singleElement().asString()
                .contains("needs exactly one of [model, reference], got []");
    }

    @Test
    void shouldRejectAParameterGivenWithoutTheOneItAppliesWith() {
        Result result = JenkinsfileChecker.check("t", """
                checkDrift current: 'x.csv', reference: 'ref.csv', retrainJob: 'retrain'
                """, 1);

        assertThat(result.problems()).singleElement().asString()
                .contains("t:1: checkDrift: parameter 'retrainJob' only applies with 'model'");
    }

    @Test
    void shouldRejectAChoiceThatIsNotAnOnFindingWord() {
        Result result = JenkinsfileChecker.check("t", """
                validateModel model: 'm.zip', data: 'd.csv', min: 'r2=0.5',
                        onFailure: 'WARN'
                """, 1);

        assertThat(result.problems()).singleElement().asString()
                .contains("parameter 'onFailure' is 'WARN'").contains("FAIL, UNSTABLE, REPORT");
    }

    @Test
    void shouldRejectConstantsOfTheWrongKind() {
        Result result = JenkinsfileChecker.check("t", """
                checkDrift current: 'x.csv', reference: 'r.csv', noPooling: 'yes', bins: 2.5, alpha: 'low'
                """, 1);

        assertThat(result.problems()).hasSize(3).anySatisfy(p -> assertThat(p).contains("'noPooling' is 'yes'"))
                .anySatisfy(p -> assertThat(p).contains("'bins' is 2.5"))
                .anySatisfy(p -> assertThat(p).contains("'alpha' is 'low'"));
    }

    @Test
    void shouldCheckTheFreestyleBuildStepsSymbolLikeCheckDrift() {
        Result result = JenkinsfileChecker.check("t", """
                job('monitor') { steps { modelDriftCheck(model: 'churn', current: 'live/*.csv', threshhold: 'a=0.2') } }
                """, 1);

        assertThat(result.calls()).extracting(Call::step).containsExactly(StepCatalog.DRIFT_CHECK_BUILDER);
        assertThat(result.problems()).singleElement().asString()
                .contains("t:1: modelDriftCheck has no parameter 'threshhold'");
    }

    @Test
    void shouldReportASourceThatDoesNotParse() {
        Result result = JenkinsfileChecker.check("Broken.Jenkinsfile", "pipeline { stages { stage('a') {\n", 1);

        assertThat(result.problems()).singleElement().asString().startsWith("Broken.Jenkinsfile does not parse");
    }

    @Test
    void shouldPointIntoTheMarkdownFileForADocsExample() {
        String markdown = """
                # Steps

                Train first:

                ```groovy
                node {
                    trainModel data: 'a.csv', target: 'y', output: 'm', sed: 1
                }
                ```

                ```
                not groovy { trainModel nonsense: 1
                ```
                """;
        Map<Integer, String> blocks = JenkinsfileChecker.groovyBlocks(markdown);

        assertThat(blocks).containsOnlyKeys(6);
        Result result = JenkinsfileChecker.check("docs/x.md", blocks.get(6), 6);
        assertThat(result.problems()).singleElement().asString().startsWith("docs/x.md:7: trainModel has no parameter 'sed'");
    }

    /** Files named Jenkinsfile, *.Jenkinsfile or *.groovy, outside build output and hidden folders. */
    private static List<Path> jenkinsfiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile).filter(p -> !skipped(ROOT.relativize(p)))
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.equals("Jenkinsfile") || name.endsWith(".Jenkinsfile") || name.endsWith(".groovy");
                    }).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + ROOT, e);
        }
    }

    private static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + ROOT.resolve("docs"), e);
        }
        files.add(ROOT.resolve("README.md"));
        return files;
    }

    private static boolean skipped(final Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    private static Result checkFile(final Path file) {
        return JenkinsfileChecker.check(ROOT.relativize(file).toString(), read(file), 1);
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
