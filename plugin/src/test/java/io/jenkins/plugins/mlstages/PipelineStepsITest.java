package io.jenkins.plugins.mlstages;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The four pipeline steps on an agent, on the bundled real datasets. */
@WithJenkins
class PipelineStepsITest {
    @Test
    void shouldTrainValidateDeployAndCheckDriftOnAnAgent(final JenkinsRule j) throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        MlStagesFixtures.registry();
        WorkflowJob job = MlStagesFixtures.pipeline(j, "cancer", """
                node('ml') {
                  def trained = trainModel data: 'data/train.csv', target: 'diagnosis', output: 'build/model',
                      algorithm: 'logistic'
                  echo "TRAINED algorithm=${trained.algorithm} task=${trained.task} outcome=${trained.outcome}"
                  def validated = validateModel model: 'build/model', data: 'data/test.csv', min: 'accuracy=0.9'
                  echo "VALIDATED passed=${validated.passed} blessed=${validated.blessed}"
                  def deployed = deployModel model: 'cancer', package: 'build/model'
                  echo "DEPLOYED version=${deployed.version} alias=${deployed.alias} deployed=${deployed.deployed}"
                  def drift = checkDrift current: 'data/test.csv', model: 'cancer'
                  echo "DRIFT datasetDrift=${drift.datasetDrift} outcome=${drift.outcome} model=${drift.model}"
                }
                """);
        MlStagesFixtures.copyIntoWorkspace(agent, job, "breast-cancer-train.csv", "data/train.csv",
                "breast-cancer-test.csv", "data/test.csv");

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("Running on " + agent.getNodeName(), run);
        j.assertLogContains("TRAINED algorithm=logistic task=binary outcome=PASSED", run);
        j.assertLogContains("VALIDATED passed=true blessed=true", run);
        j.assertLogContains("DEPLOYED version=1 alias=production deployed=true", run);
        j.assertLogContains("DRIFT datasetDrift=false outcome=PASSED model=cancer", run);
        FilePath cache = agent.getRootPath().child("cache").child("mlstages");
        assertThat(cache.list("mlstages-*.jar")).as("the engine jar, copied once to the agent").hasSize(1);
        assertThat(run.getAction(DriftAction.class)).isNotNull();
        j.assertLogContains("Validation report: " + j.getURL() + run.getUrl() + "mlstages-validation/", run);
        List<ModelAction> actions = run.getActions(ModelAction.class);
        assertThat(actions).extracting(ModelAction::isValidation).containsExactly(true, false);
        ModelAction validation = actions.get(0);
        assertThat(validation.getUrlName()).isEqualTo("mlstages-validation");
        assertThat(validation.isPassed()).isTrue();
        assertThat(validation.getFailedGates()).isEmpty();
        assertThat(validation.getGatesPassed()).isEqualTo(validation.getGates()).isGreaterThan(30);
        assertThat(validation.getBaseline()).isNull();
        assertThat(validation.getView()).as("the report kept in the build folder").isNotNull();
        assertThat(validation.getHeadlineMetrics()).first().extracting(m -> m.name()).isEqualTo("accuracy");
        ModelAction deployment = actions.get(1);
        assertThat(deployment.getUrlName()).as("a deployment has no page of its own").isNull();
        assertThat(deployment.getModel()).isEqualTo("cancer");
        assertThat(deployment.getVersion()).isEqualTo(1);
        assertThat(deployment.getPreviousVersion()).isNull();
        assertThat(deployment.getAlias()).isEqualTo("production");
        assertThat(deployment.isDeployed()).isTrue();
        assertThat(deployment.getTargetsOk()).containsExactly("registry");
    }

    @Test
    void shouldShowTheValidationAgainstTheChampionAndTheDeploymentsOnTheBuildPage(final JenkinsRule j)
            throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        MlStagesFixtures.registry();
        WorkflowJob job = MlStagesFixtures.pipeline(j, "champion", """
                node('ml') {
                  trainModel data: 'data/train.csv', target: 'diagnosis', output: 'build/champion',
                      algorithm: 'logistic', param: 'l2=100'
                  validateModel model: 'build/champion', data: 'data/test.csv', min: 'accuracy=0.9'
                  deployModel model: 'cancer', package: 'build/champion'
                  trainModel data: 'data/train.csv', target: 'diagnosis', output: 'build/challenger',
                      algorithm: 'logistic'
                  def validated = validateModel model: 'build/challenger', data: 'data/test.csv',
                      min: 'accuracy=0.999', registryModel: 'cancer', maxRegression: 'roc_auc=0.01',
                      onFailure: 'UNSTABLE'
                  echo "CHALLENGER passed=${validated.passed} failed=${validated.failedGates}"
                  deployModel model: 'cancer', package: 'build/challenger', force: true
                }
                """);
        MlStagesFixtures.copyIntoWorkspace(agent, job, "breast-cancer-train.csv", "data/train.csv",
                "breast-cancer-test.csv", "data/test.csv");

        WorkflowRun run = j.buildAndAssertStatus(Result.UNSTABLE, job);

        // the test rows reach about 0.99 accuracy: the 0.999 floor fails, the comparison with the champion passes
        j.assertLogContains("CHALLENGER passed=false failed=[min accuracy]", run);
        j.assertLogContains("Validation report: " + j.getURL() + run.getUrl() + "mlstages-validation-2/", run);
        List<ModelAction> actions = run.getActions(ModelAction.class);
        assertThat(actions).extracting(ModelAction::getId)
                .containsExactly("validation", "deployment", "validation-2", "deployment-2");
        ModelAction challenger = actions.get(2);
        assertThat(challenger.getUrlName()).isEqualTo("mlstages-validation-2");
        assertThat(challenger.isPassed()).isFalse();
        assertThat(challenger.getFailedGates()).containsExactly("min accuracy");
        assertThat(challenger.getGatesPassed()).isEqualTo(challenger.getGates() - 1);
        assertThat(challenger.getBaseline()).isEqualTo("cancer v1");
        assertThat(challenger.isChampion()).isTrue();
        assertThat(challenger.getHeadlineMetrics()).extracting(m -> m.name()).startsWith("accuracy", "roc_auc");
        assertThat(challenger.getHeadlineMetrics()).allSatisfy(m -> assertThat(m.difference()).isNotEmpty());
        ModelAction second = actions.get(3);
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getPreviousVersion()).isEqualTo(1);
        assertThat(second.isDeployed()).isTrue();
        // the challenger failed a gate, so it had no blessing: force put it out, skipping that gate
        assertThat(second.isForced()).isTrue();
        assertThat(second.getSkippedGates()).containsExactly("min accuracy");
        assertThat(actions.get(1).isForced()).as("the champion was validated and blessed").isFalse();
        j.assertLogContains("deployModel: Forced: deployed without a blessing, skipping the failed gates min accuracy",
                run);

        // the pages render: the build page's summaries and the report page's tables, words apart where Jelly trims
        JenkinsRule.WebClient web = j.createWebClient();
        String buildPage = web.goTo(run.getUrl()).asNormalizedText();
        assertThat(buildPage).contains("Validation passed", "Validation failed", "Against champion cancer v1",
                "min accuracy", "Deployed cancer v1 to production (its first version there)",
                "Deployed cancer v2 to production (was v1)",
                "Forced: deployed without a blessing, skipping the failed gates min accuracy");
        // a metric against the champion: "roc_auc 0.99 (+0.01)", never "0.99(+0.01)"
        assertThat(buildPage).containsPattern("roc_auc \\d[.\\d]* \\([+-]?\\d");
        String report = web.goTo(run.getUrl() + "mlstages-validation-2/").asNormalizedText();
        assertThat(report).contains("Validation failed", "cancer v1", "min accuracy", "roc_auc vs baseline",
                "log_loss", "Difference");
    }

    @Test
    void shouldMarkTheBuildAndTheStageUnstableOnDrift(final JenkinsRule j) throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        WorkflowJob job = MlStagesFixtures.pipeline(j, "ridership-drift", """
                node('ml') {
                  stage('Drift') {
                    def drift = checkDrift current: 'live/*.csv', reference: 'reference.csv', driftShare: 0.3
                    echo "DRIFT datasetDrift=${drift.datasetDrift} outcome=${drift.outcome}"
                  }
                }
                """);
        MlStagesFixtures.copyIntoWorkspace(agent, job, "chicago-2002.csv", "reference.csv");
        // 2008 in two files: the glob's matches are checked as one sample
        List<String> lines = Files.readAllLines(MlStagesFixtures.datasets().resolve("chicago-2008.csv"),
                StandardCharsets.UTF_8);
        int half = lines.size() / 2;
        FilePath live = agent.getWorkspaceFor(job).child("live");
        live.child("part-1.csv").write(String.join("\n", lines.subList(0, half)) + "\n", "UTF-8");
        live.child("part-2.csv").write(lines.get(0) + "\n"
                + String.join("\n", lines.subList(half, lines.size())) + "\n", "UTF-8");

        WorkflowRun run = j.buildAndAssertStatus(Result.UNSTABLE, job);

        j.assertLogContains("--current=live/part-1.csv --current=live/part-2.csv", run);
        j.assertLogContains("DRIFT datasetDrift=true outcome=UNSTABLE", run);
        j.assertLogContains("Drift report: " + j.getURL() + run.getUrl() + "mlstages-drift/", run);
        // a check against a reference has nothing to do with retraining: no "Retrain: not due" anywhere
        j.assertLogNotContains("Retrain:", run);
        DriftAction action = run.getAction(DriftAction.class);
        assertThat(action).isNotNull();
        assertThat(action.isDatasetDrift()).isTrue();
        assertThat(action.getRetrainNote()).isNull();
        JenkinsRule.WebClient web = j.createWebClient();
        String buildPage = web.goTo(run.getUrl()).asNormalizedText();
        assertThat(buildPage).contains("of the feature columns drifted (threshold 30%)").doesNotContain("Retrain");
        String report = web.goTo(run.getUrl() + "mlstages-drift/").asNormalizedText();
        assertThat(report).contains("Dataset drift.", "Clark_Lake", "floor 0.1", "Missing: the share of missing values");
        assertThat(action.getDriftedColumns()).contains("Clark_Lake").doesNotContain("month", "day_of_week");
        assertThat(action.getView()).as("the report kept in the build folder").isNotNull();
        List<FlowNode> warned = new DepthFirstScanner().allNodes(run.getExecution()).stream()
                .filter(node -> node.getPersistentAction(WarningAction.class) != null).collect(Collectors.toList());
        assertThat(warned).as("the checkDrift node carries the warning that marks its stage").isNotEmpty();
        WarningAction warning = warned.get(0).getPersistentAction(WarningAction.class);
        assertThat(warning.getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(warning.getMessage()).contains("dataset drift").contains("Clark_Lake");
    }

    @Test
    void shouldLinkTheReportWithinTheContextPathWhenJenkinsDoesNotKnowItsUrl(final JenkinsRule j) throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        // JenkinsRule configures a Jenkins URL; without one, Jenkins cannot tell its address or context path (/jenkins)
        JenkinsLocationConfiguration.get().setUrl(null);
        WorkflowJob job = MlStagesFixtures.pipeline(j, "no-root-url", """
                node('ml') {
                  def drift = checkDrift current: 'current.csv', reference: 'reference.csv', onDrift: 'REPORT'
                  echo "REPORT_URL=${drift.reportUrl}"
                }
                """);
        MlStagesFixtures.copyIntoWorkspace(agent, job, "chicago-2002.csv", "reference.csv", "chicago-2008.csv",
                "current.csv");

        WorkflowRun run = j.buildAndAssertSuccess(job);

        // the map has the path relative to the Jenkins root, never "/job/…", which is a 404 under a context path
        j.assertLogContains("REPORT_URL=" + run.getUrl() + "mlstages-drift/", run);
        j.assertLogNotContains("REPORT_URL=/", run);
        j.assertLogContains("Drift report: " + run.getUrl() + "mlstages-drift/", run);
        // the console's link is a hyperlink note: Jenkins adds the context path of the request that shows the log
        String console = j.createWebClient().goTo(run.getUrl() + "console").asXml();
        assertThat(console).contains("href=\"" + j.getURL().getPath() + run.getUrl() + "mlstages-drift/\"");
    }

    @Test
    void shouldFollowTheOnFailureChoiceForAFailedGateAndARefusedDeployment(final JenkinsRule j) throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        MlStagesFixtures.registry();
        WorkflowJob job = MlStagesFixtures.pipeline(j, "strict-gate", """
                node('ml') {
                  trainModel data: 'data/train.csv', target: 'diagnosis', output: 'build/model', algorithm: 'logistic'
                  def validated = validateModel model: 'build/model', data: 'data/test.csv', min: 'accuracy=0.999',
                      onFailure: 'REPORT'
                  echo "VALIDATED passed=${validated.passed} blessed=${validated.blessed} outcome=${validated.outcome}"
                  def deployed = deployModel model: 'cancer', package: 'build/model', onFailure: 'UNSTABLE'
                  echo "DEPLOYED deployed=${deployed.deployed} outcome=${deployed.outcome}"
                }
                """);
        MlStagesFixtures.copyIntoWorkspace(agent, job, "breast-cancer-train.csv", "data/train.csv",
                "breast-cancer-test.csv", "data/test.csv");

        WorkflowRun run = j.buildAndAssertStatus(Result.UNSTABLE, job);

        // the test rows reach about 0.99 accuracy: the 0.999 floor fails, which REPORT only reports
        j.assertLogContains("validateModel: gates failed: min accuracy (reported only)", run);
        j.assertLogContains("VALIDATED passed=false blessed=false outcome=REPORTED", run);
        // an unblessed package is refused, which UNSTABLE turns into an unstable build that goes on
        j.assertLogContains("deployModel: the deployment was refused: The package build/model is not blessed", run);
        j.assertLogContains("DEPLOYED deployed=false outcome=UNSTABLE", run);
        ModelAction validation = run.getAction(ModelAction.class);
        assertThat(validation.isValidation()).isTrue();
        assertThat(validation.isPassed()).isFalse();
        assertThat(validation.getFailedGates()).containsExactly("min accuracy");
        ModelAction refused = run.getActions(ModelAction.class).get(1);
        assertThat(refused.isValidation()).isFalse();
        assertThat(refused.isDeployed()).isFalse();
        assertThat(refused.getRefused()).contains("not blessed");
    }

    @Test
    void shouldFailNamingTheGlobWhenNoCurrentFileMatches(final JenkinsRule j) throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        WorkflowJob job = MlStagesFixtures.pipeline(j, "no-data", """
                node('ml') {
                  checkDrift current: 'live/*.csv', reference: 'reference.csv'
                }
                """);
        MlStagesFixtures.copyIntoWorkspace(agent, job, "chicago-2002.csv", "reference.csv");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("no file in the workspace matches current 'live/*.csv'", run);
    }

    @Test
    void shouldFailClearlyWhenTheRegistryIsNotReachableFromTheAgent(final JenkinsRule j) throws Exception {
        MlStagesFixtures.agent(j);
        WorkflowJob job = MlStagesFixtures.pipeline(j, "no-registry", """
                node('ml') {
                  deployModel model: 'cancer', version: 1, registry: '/nonexistent/mlstages-registry'
                }
                """);

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("The model registry folder /nonexistent/mlstages-registry does not exist on agent", run);
        j.assertLogContains("must be a path that every agent running ML steps can reach", run);
    }
}
