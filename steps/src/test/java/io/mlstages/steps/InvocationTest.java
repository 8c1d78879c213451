package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command lines the steps build from a Jenkinsfile's values, and the mistakes they refuse. */
class InvocationTest {
    private static final StepSpec TRAIN = StepCatalog.step(StepCatalog.TRAIN);
    private static final StepSpec VALIDATE = StepCatalog.step(StepCatalog.VALIDATE);
    private static final StepSpec DEPLOY = StepCatalog.step(StepCatalog.DEPLOY);
    private static final StepSpec CHECK = StepCatalog.step(StepCatalog.CHECK_DRIFT);

    private static Map<String, Object> values(final Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void shouldMapParametersToOptionsSplitListsAndAddTheResultFile() {
        Invocation train = Invocation.of(TRAIN, values("data", "data/train.csv", "target", "y", "output", "model",
                "algorithm", "gbt", "param", "rounds=50, maxDepth=3", "exclude", List.of("id", "date"),
                "seed", 7, "holdout", 0.25, "delimiter", ";"), null, ".mlstages/trainModel-1/");

        assertThat(train.command()).isEqualTo("train");
        assertThat(train.arguments()).containsExactly("train", "--data=data/train.csv", "--target=y",
                "--output=model", "--algorithm=gbt", "--exclude=id", "--exclude=date", "--param=rounds=50",
                "--param=maxDepth=3", "--seed=7", "--holdout=0.25", "--delimiter=;",
                "--json=.mlstages/trainModel-1/result.json");
        assertThat(train.resultFile()).isEqualTo(".mlstages/trainModel-1/result.json");
        assertThat(train.reportFiles()).isEmpty();
        assertThat(train.environment()).isEmpty();
    }

    @Test
    void shouldPassAFlagOnlyWhenTrueAndLeavePluginParametersOut() {
        Invocation validate = Invocation.of(VALIDATE, values("model", "m", "data", "d.csv", "noBless", true,
                "noDataGates", false, "onFailure", "unstable"), null, "w");

        assertThat(validate.arguments()).containsExactly("validate", "--model=m", "--data=d.csv", "--no-bless",
                "--json=w/result.json", "--junit=w/junit.xml");
        assertThat(validate.reportFiles()).containsEntry(Invocation.JUNIT, "w/junit.xml");
    }

    @Test
    void shouldKeepAValueThatLooksLikeAnOptionInsideItsOwnWord() {
        Invocation train = Invocation.of(TRAIN, values("data", "--help", "target", "y", "output", "o",
                "algorithm", "linear"), null, "w");

        assertThat(train.arguments()).contains("--data=--help").doesNotContain("--help");
    }

    @Test
    void shouldRunCheckForAModelAndDriftForAReferenceWithTheirReports() {
        Invocation check = Invocation.of(CHECK, values("model", "churn", "current",
                List.of("in/2024-01.csv", "in/2024-02.csv"), "coolDown", "12h"), "/mnt/registry", "w");
        Invocation drift = Invocation.of(CHECK, values("reference", "ref.csv", "current", "cur.csv",
                "columns", "a,b"), "/mnt/registry", "w");

        assertThat(check.command()).isEqualTo("check");
        assertThat(check.arguments()).containsExactly("check", "--current=in/2024-01.csv",
                "--current=in/2024-02.csv", "--model=churn", "--registry=/mnt/registry", "--cool-down=12h",
                "--json=w/result.json", "--junit=w/junit.xml", "--html=w/report.html");
        assertThat(drift.command()).isEqualTo("drift");
        assertThat(drift.arguments()).containsExactly("drift", "--current=cur.csv", "--reference=ref.csv",
                "--columns=a", "--columns=b", "--json=w/result.json", "--junit=w/junit.xml",
                "--html=w/report.html");
        assertThat(drift.reportFiles()).containsEntry(Invocation.HTML, "w/report.html");
    }

    @Test
    void shouldBuildTheFreestyleDriftCheckLikeThePipelineOne() {
        Map<String, Object> values = values("model", "churn", "current", "live.csv", "retrainJob", "retrain",
                "onDrift", "FAIL");

        assertThat(Invocation.of(StepCatalog.step(StepCatalog.DRIFT_CHECK_BUILDER), values, "/r", "w"))
                .isEqualTo(Invocation.of(CHECK, values, "/r", "w"));
        assertThat(Invocation.of(CHECK, values, "/r", "w").arguments())
                .noneMatch(a -> a.contains("retrain=") || a.contains("FAIL"))
                // the plugin starts the job: the check only records the request it is about to send
                .contains("--claim-retrain");
    }

    @Test
    void shouldPreferTheStepsRegistryToTheGlobalOne() {
        Invocation deploy = Invocation.of(DEPLOY, values("model", "m", "version", 3, "registry", "/here"),
                "/global", "w");

        assertThat(deploy.arguments()).contains("--registry=/here").doesNotContain("--registry=/global");
    }

    @Test
    void shouldRefuseADeploymentWithoutAnyRegistry() {
        assertThatThrownBy(() -> Invocation.of(DEPLOY, values("model", "m", "version", 3), null, "w"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deployModel").hasMessageContaining("registry")
                .hasMessageContaining("global");
    }

    @Test
    void shouldUseTheGlobalRegistryForValidationOnlyWithARegistryModel() {
        Invocation plain = Invocation.of(VALIDATE, values("model", "m", "data", "d.csv"), "/global", "w");
        Invocation champion = Invocation.of(VALIDATE, values("model", "m", "data", "d.csv", "registryModel",
                "churn"), "/global", "w");

        assertThat(plain.arguments()).noneMatch(a -> a.startsWith("--registry"));
        assertThat(champion.arguments()).contains("--registry=/global", "--registry-model=churn");
    }

    @Test
    void shouldPassCredentialsOnlyAsTheNameOfAnEnvironmentVariable() {
        Invocation deploy = Invocation.of(DEPLOY, values("model", "m", "package", "pkg", "credentialsId",
                "prod-token", "target", "http=https://models.example/api"), "/r", "w");
        Invocation check = Invocation.of(CHECK, values("model", "m", "current", "c.csv", "webhook",
                "https://hooks.example/x", "webhookCredentialsId", "hook-credential"), "/r", "w");

        assertThat(deploy.arguments()).contains("--token-env=" + Invocation.TOKEN_VARIABLE)
                .noneMatch(a -> a.contains("prod-token"));
        assertThat(deploy.environment()).containsExactly(Map.entry(Invocation.TOKEN_VARIABLE, "prod-token"));
        assertThat(check.arguments()).contains("--webhook-token-env=" + Invocation.WEBHOOK_TOKEN_VARIABLE)
                .noneMatch(a -> a.contains("hook-credential"));
        assertThat(check.environment()).containsEntry(Invocation.WEBHOOK_TOKEN_VARIABLE, "hook-credential");
        // validateModel's webhook, told when the validation spends an incident's retrain budget: the same way
        Invocation validate = Invocation.of(StepCatalog.step(StepCatalog.VALIDATE), values("model", "pkg", "data",
                "d.csv", "registryModel", "m", "incident", "m-0001", "webhook", "https://hooks.example/x",
                "webhookCredentialsId", "hook-credential"), "/r", "w");
        assertThat(validate.arguments()).contains("--incident=m-0001", "--webhook=https://hooks.example/x",
                "--webhook-token-env=" + Invocation.WEBHOOK_TOKEN_VARIABLE).noneMatch(a -> a.contains("hook-credential"));
        assertThat(validate.environment()).containsEntry(Invocation.WEBHOOK_TOKEN_VARIABLE, "hook-credential");
    }

    @Test
    void shouldNameTheStepAndItsParametersForAnUnknownParameter() {
        assertThatThrownBy(() -> Invocation.of(TRAIN, values("data", "d", "target", "y", "output", "o",
                "algoritm", "gbt"), null, "w"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainModel has no parameter 'algoritm'")
                .hasMessageContaining("algorithm, command");
    }

    @Test
    void shouldNameAMissingRequiredParameter() {
        assertThatThrownBy(() -> Invocation.of(TRAIN, values("data", "d", "output", "o"), null, "w"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainModel needs the parameter 'target'");
        assertThatThrownBy(() -> Invocation.of(TRAIN, values("data", "d", "target", "  ", "output", "o"), null, "w"))
                .hasMessageContaining("'target'");
    }

    @Test
    void shouldRequireExactlyOneOfAGroup() {
        assertThatThrownBy(() -> Invocation.of(CHECK, values("current", "c.csv"), "/r", "w"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkDrift needs one of model or reference");
        assertThatThrownBy(() -> Invocation.of(CHECK, values("current", "c.csv", "model", "m", "reference",
                "r.csv"), "/r", "w"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only one of model or reference")
                .hasMessageContaining("model and reference were given");
    }

    @Test
    void shouldRefuseAParameterWithoutTheOneItRequires() {
        assertThatThrownBy(() -> Invocation.of(CHECK, values("current", "c.csv", "reference", "r.csv",
                "coolDown", "1h"), "/r", "w"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coolDown applies only with model");
        assertThatThrownBy(() -> Invocation.of(CHECK, values("current", "c.csv", "model", "m", "webhook",
                "https://hooks.example/x"), "/r", "w"))
                .hasMessageContaining("webhookCredentialsId");
        assertThatThrownBy(() -> Invocation.of(DEPLOY, values("model", "m", "version", 1, "credentialsId", "t",
                "tokenFile", "/t"), "/r", "w"))
                .hasMessageContaining("credentialsId or tokenFile");
    }

    @Test
    void shouldNameTheParameterAndTheValueOfAWrongType() {
        assertThatThrownBy(() -> Invocation.of(TRAIN, values("data", "d", "target", "y", "output", "o",
                "seed", "many"), null, "w"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainModel.seed must be a whole number, not 'many'");
        assertThatThrownBy(() -> Invocation.of(TRAIN, values("data", "d", "target", "y", "output", "o",
                "holdout", Double.NaN), null, "w"))
                .hasMessageContaining("trainModel.holdout");
        assertThatThrownBy(() -> Invocation.of(VALIDATE, values("model", "m", "data", "d", "noBless", "yes"),
                null, "w"))
                .hasMessageContaining("validateModel.noBless must be true or false, not 'yes'");
        assertThatThrownBy(() -> Invocation.of(TRAIN, values("data", 42, "target", "y", "output", "o"), null, "w"))
                .hasMessageContaining("trainModel.data must be a string, not 42 (Integer)");
        assertThatThrownBy(() -> Invocation.of(CHECK, values("current", "c", "model", "m", "onDrift", "explode"),
                "/r", "w"))
                .hasMessageContaining("checkDrift.onDrift").hasMessageContaining("FAIL, UNSTABLE, REPORT");
    }

    @Test
    void shouldMarkAnIncidentRetrainingWithTheIdLastAndRefuseAHostileId() {
        Invocation marking = Invocation.retraining("/mnt/registry", "churn-0004", "job retrain #12", "w");

        assertThat(marking.arguments()).containsExactly("incident", "retraining", "--registry=/mnt/registry",
                "--reason=job retrain #12", "--json=w/retraining.json", "churn-0004");
        assertThatThrownBy(() -> Invocation.retraining("/r", "--registry=/tmp/other", null, "w"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--registry=/tmp/other");
        assertThatThrownBy(() -> Invocation.retraining(" ", "churn-0004", null, "w"))
                .hasMessageContaining("registry");
    }

    @Test
    void shouldShowArgumentsWithSpacesQuoted() {
        Invocation deploy = Invocation.of(DEPLOY, values("model", "m", "version", 2, "message", "it's fixed"),
                "/r", "w");

        assertThat(deploy.display()).contains("'--message=it'\\''s fixed'").startsWith("deploy --model=m");
    }
}
