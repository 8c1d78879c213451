package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a step run decides before and after the engine runs, without Jenkins (the plugin's StepRunner asks it). */
class StepPlanTest {
    private static final StepPlan.Defaults GLOBAL = new StepPlan.Defaults("/mnt/registry", 0.3, 0.01, "12h");

    @Test
    void shouldFillTheGlobalDefaultsOnlyWhereTheStepHasTheParameterAndItIsUnset() {
        StepPlan check = StepPlan.of(StepCatalog.CHECK_DRIFT, Map.of("current", "live.csv", "model", "churn",
                "alpha", 0.1), GLOBAL, 7, "abcd1234");

        assertThat(check.values()).containsEntry("alpha", 0.1).containsEntry("driftShare", 0.3)
                .containsEntry("coolDown", "12h");
        StepPlan train = StepPlan.of(StepCatalog.TRAIN, Map.of("data", "d.csv", "target", "y", "output", "m"), GLOBAL,
                7, "abcd1234");
        assertThat(train.values()).doesNotContainKeys("alpha", "driftShare", "coolDown");
    }

    @Test
    void shouldGiveACoolDownOnlyToACheckOfARegisteredModel() {
        StepPlan reference = StepPlan.of(StepCatalog.CHECK_DRIFT, Map.of("current", "live.csv", "reference",
                "train.csv"), GLOBAL, 1, "x");

        assertThat(reference.values()).doesNotContainKey("coolDown");
        assertThat(reference.needsRegistry()).isFalse();
        assertThat(reference.concernsRetraining()).isFalse();
        // the reference check must not get --cool-down: the drift command has no such option
        assertThat(reference.invocation(List.of("live.csv")).arguments()).noneMatch(a -> a.startsWith("--cool-down"));
    }

    @Test
    void shouldUseTheStepsRegistryElseTheGlobalOneAndSayWhichStepsNeedOne() {
        assertThat(StepPlan.of(StepCatalog.DEPLOY, Map.of("model", "m", "version", 1), GLOBAL, 1, "x").registry())
                .isEqualTo("/mnt/registry");
        StepPlan own = StepPlan.of(StepCatalog.DEPLOY, Map.of("model", "m", "version", 1, "registry", " /srv/r "),
                GLOBAL, 1, "x");
        assertThat(own.registry()).isEqualTo("/srv/r");
        assertThat(own.needsRegistry()).isTrue();
        assertThat(StepPlan.of(StepCatalog.DEPLOY, Map.of("model", "m", "version", 1), StepPlan.Defaults.NONE, 1, "x")
                .registry()).isNull();

        assertThat(StepPlan.of(StepCatalog.VALIDATE, Map.of("model", "p", "data", "d.csv"), GLOBAL, 1, "x")
                .needsRegistry()).isFalse();
        assertThat(StepPlan.of(StepCatalog.VALIDATE, Map.of("model", "p", "data", "d.csv", "registryModel", "m"),
                GLOBAL, 1, "x").needsRegistry()).isTrue();
        assertThat(StepPlan.of(StepCatalog.DRIFT_CHECK_BUILDER, Map.of("current", "c", "model", "m"), GLOBAL, 1, "x")
                .needsRegistry()).isTrue();
        assertThat(StepPlan.of(StepCatalog.TRAIN, Map.of(), GLOBAL, 1, "x").needsRegistry()).isFalse();
    }

    @Test
    void shouldNameTheWorkFolderAfterTheStepTheBuildAndTheCallAndLocateTheChildsFilesInIt() {
        StepPlan plan = StepPlan.of(StepCatalog.VALIDATE, Map.of("model", "p", "data", "d.csv"), GLOBAL, 42, "9f0e1d2c");

        assertThat(plan.workFolder()).isEqualTo(".mlstages/validateModel-42-9f0e1d2c");
        assertThat(plan.locate("report.json")).isEqualTo(".mlstages/validateModel-42-9f0e1d2c/report.json");
        assertThat(plan.locate(".mlstages/validateModel-42-9f0e1d2c/result.json"))
                .isEqualTo(".mlstages/validateModel-42-9f0e1d2c/result.json");
        assertThat(plan.locate("C:\\work\\r.json")).isEqualTo("C:/work/r.json");
        assertThat(plan.locate("/abs/r.json")).isEqualTo("/abs/r.json");
        assertThat(StepPlan.incidentWorkFolder(42, "1a2b3c4d")).isEqualTo(".mlstages/incident-42-1a2b3c4d");
        assertThat(plan.invocation(List.of()).resultFile()).startsWith(plan.workFolder() + "/");
    }

    @Test
    void shouldTurnAFindingIntoTheOutcomeTheUserChoseOrTheStepsDefault() {
        StepPlan drift = StepPlan.of(StepCatalog.CHECK_DRIFT, Map.of("current", "c", "reference", "r"), GLOBAL, 1, "x");
        StepPlan gate = StepPlan.of(StepCatalog.VALIDATE, Map.of("model", "p", "data", "d"), GLOBAL, 1, "x");
        StepPlan reported = StepPlan.of(StepCatalog.DEPLOY, Map.of("model", "m", "version", 2, "onFailure", "report"),
                GLOBAL, 1, "x");

        assertThat(drift.outcome(1)).isEqualTo(Outcome.UNSTABLE);
        assertThat(gate.outcome(1)).isEqualTo(Outcome.FAIL);
        assertThat(reported.outcome(1)).isEqualTo(Outcome.REPORTED);
        assertThat(reported.outcome(0)).isEqualTo(Outcome.PASSED);
        assertThat(reported.outcome(2)).isEqualTo(Outcome.ERROR);
        assertThat(reported.outcome(3)).isEqualTo(Outcome.ERROR);
        assertThatThrownBy(() -> StepPlan.of(StepCatalog.CHECK_DRIFT, Map.of("current", "c", "onDrift", "WARN"),
                GLOBAL, 1, "x")).isInstanceOf(StepException.class)
                .hasMessageStartingWith("checkDrift.onDrift: Unknown value 'WARN'");
    }

    @Test
    void shouldSayWhatGoesOnTheBuildPage() {
        assertThat(StepPlan.of(StepCatalog.DRIFT_CHECK_BUILDER, Map.of("current", "c", "model", "m"), GLOBAL, 1, "x"))
                .satisfies(p -> assertThat(p.isDriftCheck()).isTrue())
                .satisfies(p -> assertThat(p.concernsRetraining()).isTrue());
        assertThat(StepPlan.of(StepCatalog.VALIDATE, Map.of(), GLOBAL, 1, "x").isValidation()).isTrue();
        assertThat(StepPlan.of(StepCatalog.DEPLOY, Map.of(), GLOBAL, 1, "x").isDeployment()).isTrue();
        assertThat(StepPlan.of(StepCatalog.TRAIN, Map.of(), GLOBAL, 1, "x"))
                .satisfies(p -> assertThat(p.isDriftCheck() || p.isValidation() || p.isDeployment()).isFalse());
    }

    @Test
    void shouldPassTheMatchedFilesAsOneCurrentEachRelativeToTheWorkspaceSorted() {
        List<String> files = StepPlan.relativeToWorkspace("/ws", List.of("/ws/live/b.csv", "/ws/live/a.csv",
                "/elsewhere/c.csv"));
        StepPlan plan = StepPlan.of(StepCatalog.CHECK_DRIFT, Map.of("current", "live/*.csv", "reference", "r.csv"),
                GLOBAL, 1, "x");

        assertThat(files).containsExactly("/elsewhere/c.csv", "live/a.csv", "live/b.csv");
        assertThat(plan.readsCurrentData()).isTrue();
        assertThat(plan.invocation(files).arguments()).contains("--current=live/a.csv", "--current=live/b.csv")
                .doesNotContain("--current=live/*.csv");
        assertThat(StepPlan.relativeToWorkspace("C:\\ws", List.of("C:\\ws\\live\\a.csv"))).containsExactly("live/a.csv");
    }

    @Test
    void shouldNameTheStepInAnInvalidCallAndAnUnknownStep() {
        StepPlan plan = StepPlan.of(StepCatalog.TRAIN, Map.of("data", "d.csv"), GLOBAL, 1, "x");

        assertThatThrownBy(() -> plan.invocation(List.of())).isInstanceOf(StepException.class)
                .hasMessageStartingWith("trainModel").hasMessageContaining("target");
        assertThatThrownBy(() -> StepPlan.of("fitModel", Map.of(), GLOBAL, 1, "x"))
                .isInstanceOf(StepException.class).hasMessageContaining("fitModel");
    }
}
