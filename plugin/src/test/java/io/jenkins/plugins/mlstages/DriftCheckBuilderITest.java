package io.jenkins.plugins.mlstages;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.ParameterDefinition;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import hudson.model.Computer;
import hudson.model.User;
import hudson.util.FormValidation;
import hudson.slaves.DumbSlave;
import io.mlstages.steps.RetrainParameters;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The freestyle drift-check build step: a scheduled job checks a registered model's live data, records an incident
 * and starts the retrain job with the incident's parameters, once per cool-down, and only if it may.
 */
@WithJenkins
class DriftCheckBuilderITest {
    @Test
    void shouldStartTheRetrainJobWithTheIncidentsParametersAndAnUpstreamCause(final JenkinsRule j) throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        deployRidershipModel(j, agent);
        FreeStyleProject retrain = retrainJob(j);
        FreeStyleProject drift = driftJob(j, agent);

        FreeStyleBuild check = j.buildAndAssertStatus(Result.UNSTABLE, drift);
        j.waitUntilNoActivity();

        DriftAction report = check.getAction(DriftAction.class);
        assertThat(report).isNotNull();
        assertThat(report.getIncidentId()).isNotBlank();
        assertThat(report.getRetrainTriggered()).isEqualTo("retrain");
        j.assertLogContains("Retrain: started retrain for incident " + report.getIncidentId(), check);
        FreeStyleBuild retrained = retrain.getLastBuild();
        assertThat(retrained).as("the retrain job was started").isNotNull();
        assertThat(parameter(retrained, "MODEL_NAME")).isEqualTo("ridership");
        assertThat(parameter(retrained, "MODEL_VERSION")).isEqualTo("1");
        assertThat(parameter(retrained, "INCIDENT_ID")).isEqualTo(report.getIncidentId());
        assertThat(parameter(retrained, "DRIFTED_COLUMNS")).contains("Clark_Lake");
        assertThat(parameter(retrained, "DRIFT_REPORT_URL"))
                .isEqualTo(j.getURL() + check.getUrl() + "mlstages-drift/");
        Cause.UpstreamCause cause = retrained.getCause(Cause.UpstreamCause.class);
        assertThat(cause).isNotNull();
        assertThat(cause.getUpstreamProject()).isEqualTo("drift");
        assertThat(cause.getUpstreamBuild()).isEqualTo(check.getNumber());
        // the build page's incident timeline: the check by the incident id its result named, the retrain build by
        // its upstream cause (its job ran no ML step)
        IncidentAction timeline = check.getAction(IncidentAction.class);
        assertThat(timeline).as("the check touched the incident").isNotNull();
        assertThat(timeline.getIncidents()).containsExactly(report.getIncidentId());
        JenkinsRule.WebClient web = j.createWebClient();
        assertThat(web.goTo(check.getUrl()).asNormalizedText()).contains("Incident timeline",
                "Incident " + report.getIncidentId() + " across 2 builds", "detected", "retrain-requested",
                "started by drift #" + check.getNumber());

        // the incident is now RETRAINING: the next check is inside the cool-down and starts nothing
        FreeStyleBuild again = j.buildAndAssertStatus(Result.UNSTABLE, drift);
        j.waitUntilNoActivity();
        j.assertLogContains("Retrain: not due", again);
        assertThat(retrain.getBuilds()).hasSize(1);
        assertThat(web.goTo(again.getUrl() + "mlstages-incidents/").asNormalizedText()).contains(
                "Incident " + report.getIncidentId() + " across 3 builds", "found-again",
                "retrain #" + retrained.getNumber());
    }

    @Test
    void shouldNotStartTheRetrainJobWhenTheBuildMayNotBuildIt(final JenkinsRule j) throws Exception {
        DumbSlave agent = MlStagesFixtures.agent(j);
        deployRidershipModel(j, agent);
        FreeStyleProject retrain = retrainJob(j);
        FreeStyleProject drift = driftJob(j, agent);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.DISCOVER, Computer.BUILD).everywhere().to("bob")
                .grant(Item.BUILD).onItems(drift).to("bob"));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("drift", User.getById("bob", true).impersonate2()));

        FreeStyleBuild check = j.buildAndAssertStatus(Result.UNSTABLE, drift);
        j.waitUntilNoActivity();

        j.assertLogContains("Retrain: due, but this build may not start retrain", check);
        assertThat(retrain.getBuilds()).as("no retrain without Job/Build permission").isEmpty();
        DriftAction report = check.getAction(DriftAction.class);
        assertThat(report.getRetrainTriggered()).isNull();
        assertThat(report.getRetrainNote()).contains("may not start retrain");
    }

    @Test
    void shouldKeepEveryFieldThroughTheConfigurationForm(final JenkinsRule j) throws Exception {
        DriftCheckBuilder before = new DriftCheckBuilder("live/*.csv");
        before.setModel("ridership");
        before.setAlias("staging");
        before.setCoolDown("12h");
        before.setWebhook("https://chat.example/hooks/ml");
        before.setDriftShare(0.3);
        before.setAlpha(0.01);
        before.setMethod("Austin=ks,month=chi-square");
        before.setThreshold("Austin=0.2");
        before.setMissingRateFloor(0.2);
        before.setNoPooling(true);
        before.setInferRows(5000);
        before.setDelimiter(";");
        before.setOnDrift("FAIL");
        before.setRetrainJob("retrain");

        DriftCheckBuilder after = j.configRoundtrip(before);

        j.assertEqualDataBoundBeans(before, after);
    }

    @Test
    void shouldShowCheckDriftsFormAndHelpInTheFreestyleJob(final JenkinsRule j) throws Exception {
        // one form and one help file per parameter serve both: the build step's descriptor points at CheckDriftStep's
        FreeStyleProject monitor = j.createFreeStyleProject("monitor");
        monitor.getBuildersList().add(new DriftCheckBuilder("live.csv"));
        JenkinsRule.WebClient web = j.createWebClient();

        String form = web.goTo("job/monitor/configure").asXml();
        String help = web.goTo("descriptor/io.jenkins.plugins.mlstages.CheckDriftStep/help/alpha").asNormalizedText();

        assertThat(form).contains("Incidents and retraining", "Quantile sketch size k")
                .contains("descriptor/io.jenkins.plugins.mlstages.CheckDriftStep/help/alpha");
        assertThat(help).contains("Significance level of the per-column tests");
    }

    @Test
    void shouldLeaveEmptyNumberFieldsUnsetThroughTheConfigurationForm(final JenkinsRule j) throws Exception {
        DriftCheckBuilder after = j.configRoundtrip(new DriftCheckBuilder("live.csv"));

        assertThat(after.getCurrent()).isEqualTo("live.csv");
        assertThat(after.getDriftShare()).as("an empty box means the default, not 0").isNull();
        assertThat(after.getAlpha()).isNull();
        assertThat(after.getInferRows()).isNull();
        assertThat(after.getOnDrift()).isNull();
    }

    @Test
    void shouldRefuseARetrainJobWithoutAModelInTheForm(final JenkinsRule j) throws Exception {
        FreeStyleProject drift = j.createFreeStyleProject("reference-check");
        j.createFreeStyleProject("retrain");
        DriftCheckBuilder.DescriptorImpl descriptor = new DriftCheckBuilder.DescriptorImpl();

        FormValidation withoutModel = descriptor.doCheckRetrainJob(drift, "retrain", "");
        FormValidation withModel = descriptor.doCheckRetrainJob(drift, "retrain", "ridership");

        // a reference-only check never starts the retrain job: the form says so instead of the build, silently
        assertThat(withoutModel.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(withoutModel.getMessage()).contains("A retrain job needs a model");
        assertThat(withModel.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckRetrainJob(drift, "", "").kind).isEqualTo(FormValidation.Kind.OK);
    }

    /** Trains a regression model on 2005-2007 and deploys it as version 1 of "ridership". */
    private static void deployRidershipModel(final JenkinsRule j, final DumbSlave agent) throws Exception {
        MlStagesFixtures.registry();
        WorkflowJob setup = MlStagesFixtures.pipeline(j, "setup", """
                node('ml') {
                  trainModel data: 'train.csv', target: 'ridership', output: 'model.zip', algorithm: 'linear',
                      exclude: 'date'
                  deployModel model: 'ridership', package: 'model.zip', noRequireBlessing: true
                }
                """);
        MlStagesFixtures.copyIntoWorkspace(agent, setup, "chicago-ridership-train.csv", "train.csv");
        j.buildAndAssertSuccess(setup);
    }

    /** The retrain job: it declares the five parameters (Jenkins drops undeclared ones). */
    private static FreeStyleProject retrainJob(final JenkinsRule j) throws Exception {
        FreeStyleProject retrain = j.createFreeStyleProject("retrain");
        List<ParameterDefinition> definitions = new ArrayList<>();
        for (String name : RetrainParameters.NAMES) {
            definitions.add(new StringParameterDefinition(name, ""));
        }
        retrain.addProperty(new ParametersDefinitionProperty(definitions));
        return retrain;
    }

    /** The scheduled drift check: 2002 data against the model trained on 2005-2007. */
    private static FreeStyleProject driftJob(final JenkinsRule j, final DumbSlave agent) throws Exception {
        FreeStyleProject drift = j.createFreeStyleProject("drift");
        drift.setAssignedLabel(Label.get(MlStagesFixtures.LABEL));
        DriftCheckBuilder check = new DriftCheckBuilder("live.csv");
        check.setModel("ridership");
        check.setDriftShare(0.3);
        check.setRetrainJob("retrain");
        drift.getBuildersList().add(check);
        MlStagesFixtures.copyIntoWorkspace(agent, drift, "chicago-2002.csv", "live.csv");
        return drift;
    }

    private static String parameter(final FreeStyleBuild build, final String name) {
        ParametersAction parameters = build.getAction(ParametersAction.class);
        assertThat(parameters).as("the parameters of " + build).isNotNull();
        StringParameterValue value = (StringParameterValue) parameters.getParameter(name);
        assertThat(value).as(name).isNotNull();
        return value.getValue();
    }
}
