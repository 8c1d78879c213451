package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.incident.Incident;
import io.mlstages.incident.IncidentStore;
import io.mlstages.incident.Stage;
import io.mlstages.incident.Step;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code mlstages demo} end to end on the bundled data and checks what every stage did. */
class DemoCommandTest {
    @TempDir
    Path temp;

    @Test
    void shouldCloseTheLoopOnBundledDataWithinAMinute() throws IOException {
        Path dir = temp.resolve("demo");
        Path summaryFile = temp.resolve("summary.json");

        long start = System.nanoTime();
        CliRun run = CliRun.of("demo", "--dir", dir.toString(), "--json", summaryFile.toString());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(seconds).isLessThan(60);
        assertThat(run.out()).contains("[1/11] train v1", "[11/11] check", "The loop closed: 11 of 11 stages",
                dir.resolve("registry").toString(), dir.resolve("reports").toString());
        assertThat(run.out()).doesNotContain("NOT AS EXPECTED");
        // progress on stderr, results on stdout
        assertThat(run.err()).contains("training linear regression of ridership");
        assertThat(run.out()).doesNotContain("training linear regression of ridership");

        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        assertThat(summary.get("closed").asBoolean()).isTrue();
        JsonNode stages = summary.get("stages");
        assertThat(stages).hasSize(11);
        for (JsonNode stage : stages) {
            assertThat(stage.get("expected").asBoolean()).as(stage.toString()).isTrue();
        }
        List<String> verdicts = stages.findValuesAsText("verdict");
        assertThat(verdicts).containsExactly("ok", "blessed", "deployed", "clean", "DRIFT", "ok", "refused", "ok",
                "blessed", "deployed", "clean");

        JsonNode v1Validation = facts(stages, 2);
        assertThat(v1Validation.get("passed").asBoolean()).isTrue();
        assertThat(v1Validation.get("r2").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(v1Validation.has("champion")).isFalse();

        JsonNode v1Deploy = facts(stages, 3);
        assertThat(v1Deploy.get("version").asInt()).isEqualTo(1);
        assertThat(v1Deploy.get("previous").isNull()).isTrue();

        JsonNode cleanA = facts(stages, 4);
        assertThat(cleanA.get("datasetDrift").asBoolean()).isFalse();
        assertThat(cleanA.has("incident")).isFalse();

        JsonNode driftB = facts(stages, 5);
        assertThat(driftB.get("datasetDrift").asBoolean()).isTrue();
        assertThat(driftB.get("incidentOpened").asBoolean()).isTrue();
        assertThat(driftB.get("retrainRequested").asBoolean()).isTrue();
        assertThat(driftB.get("version").asInt()).isEqualTo(1);
        assertThat(driftB.get("driftShare").asDouble()).isGreaterThanOrEqualTo(0.5);
        // the 2008 rise shows in the ridership columns; the weather of Chicago did not change
        List<String> drifted = textList(driftB.get("driftedColumns"));
        assertThat(drifted).contains("Clark_Lake", "Austin", "ridership").doesNotContain("temp", "humidity",
                "day_of_week", "month");
        String incidentId = driftB.get("incident").asText();
        Path html = Path.of(driftB.get("report").asText());
        assertThat(html).exists().hasParent(dir.resolve("reports").toAbsolutePath().normalize());
        assertThat(Files.readString(html)).contains("Dataset drift", incidentId, "Clark_Lake");
        assertThat(html.resolveSibling("check-5-b-live.json")).exists();
        assertThat(html.resolveSibling("check-5-b-live.xml")).exists();

        // the retrain on the old days again is refused by the incident's coverage gates
        JsonNode stale = facts(stages, 7);
        assertThat(stale.get("passed").asBoolean()).isFalse();
        assertThat(stale.get("incident").asText()).isEqualTo(incidentId);
        assertThat(stale.get("incidentGatesPassed").asBoolean()).isFalse();
        assertThat(stale.get("coveredColumns").asInt()).isLessThan(stale.get("driftedColumnsOfIncident").asInt());
        assertThat(stale.get("failedVerifications").asInt()).isEqualTo(1);

        JsonNode v2Validation = facts(stages, 9);
        assertThat(v2Validation.get("incidentGatesPassed").asBoolean()).isTrue();
        assertThat(v2Validation.get("coveredColumns").asInt())
                .isEqualTo(v2Validation.get("driftedColumnsOfIncident").asInt()).isPositive();
        assertThat(v2Validation.get("passed").asBoolean()).isTrue();
        assertThat(v2Validation.get("champion").asInt()).isEqualTo(1);
        assertThat(v2Validation.get("rmse").asDouble()).isLessThan(0.9 * v2Validation.get("championRmse").asDouble());

        JsonNode v2Deploy = facts(stages, 10);
        assertThat(v2Deploy.get("version").asInt()).isEqualTo(2);
        assertThat(v2Deploy.get("previous").asInt()).isEqualTo(1);
        assertThat(v2Deploy.get("incidentMitigated").asText()).isEqualTo(incidentId);

        JsonNode cleanB = facts(stages, 11);
        assertThat(cleanB.get("datasetDrift").asBoolean()).isFalse();
        assertThat(cleanB.get("version").asInt()).isEqualTo(2);
        assertThat(cleanB.get("incidentResolved").asBoolean()).isTrue();

        // what the demo left on disk agrees with what it printed
        Path registryDir = dir.resolve("registry");
        Registry registry = Registry.open(registryDir);
        assertThat(registry.alias(DemoCommand.MODEL, "production")).contains(2);
        assertThat(registry.versions(DemoCommand.MODEL)).hasSize(2);
        List<Incident> incidents = IncidentStore.open(registryDir).list(DemoCommand.MODEL);
        assertThat(incidents).singleElement().satisfies(incident -> {
            assertThat(incident.id()).isEqualTo(incidentId);
            assertThat(incident.stage()).isEqualTo(Stage.RESOLVED);
            assertThat(incident.mitigatedBy()).isEqualTo(2);
            assertThat(incident.steps()).extracting(Step::stage)
                    .containsExactly(Stage.OPEN, Stage.RETRAINING, Stage.RETRAINING, Stage.RETRAINING, Stage.MITIGATED,
                            Stage.RESOLVED);
            assertThat(incident.steps()).extracting(Step::event).containsExactly("detected", "retrain-requested",
                    "retrain-refused", "verified", "mitigated", "resolved");
            assertThat(incident.steps().get(2).note()).contains("verification 1 of 3 failed");
            assertThat(incident.mitigation()).isNotEmpty();
            assertThat(incident.timeToMitigate()).isNotNull();
        });
        assertThat(dir.resolve("serving").resolve(DemoCommand.MODEL).resolve("1")).isDirectory();
        assertThat(dir.resolve("serving").resolve(DemoCommand.MODEL).resolve("2")).isDirectory();
        assertThat(dir.resolve("data").resolve("NOTICE")).exists();
        CliRun list = CliRun.of("incident", "list", "--registry", registryDir.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(incidentId);
    }

    @Test
    void shouldRefuseADirectoryThatHoldsOtherFiles() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("mine"));
        Path precious = Files.writeString(dir.resolve("precious.txt"), "keep me");

        CliRun plain = CliRun.of("demo", "--dir", dir.toString(), "-q");
        CliRun overwrite = CliRun.of("demo", "--dir", dir.toString(), "--overwrite", "-q");

        assertThat(plain.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plain.err()).contains("is not empty", dir.toString());
        assertThat(overwrite.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(overwrite.err()).contains(DemoCommand.MARKER);
        assertThat(precious).hasContent("keep me");
        assertThat(dir.resolve("registry")).doesNotExist();
    }

    @Test
    void shouldRunAgainOverItsOwnEarlierDirectory() {
        Path dir = temp.resolve("again");
        assertThat(CliRun.of("demo", "--dir", dir.toString(), "-q").exitCode()).isZero();

        CliRun second = CliRun.of("demo", "--dir", dir.toString(), "-q");

        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        // a fresh start: the registry holds the two versions of this run, not four
        assertThat(Registry.open(dir.resolve("registry")).versions(DemoCommand.MODEL)).hasSize(2);
        assertThat(second.err()).isEmpty();
    }

    @Test
    void shouldPrintOnlyJsonOnStdoutWithJsonDash() throws IOException {
        CliRun run = CliRun.of("demo", "--dir", temp.resolve("json").toString(), "--json", "-");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("closed").asBoolean()).isTrue();
        assertThat(summary.get("stages")).hasSize(11);
        assertThat(run.err()).contains("[11/11]", "The loop closed");
    }

    @Test
    void shouldRefuseAClassificationAlgorithm() {
        CliRun run = CliRun.of("demo", "--dir", temp.resolve("x").toString(), "--algorithm", "logistic");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("linear or gbt", "logistic");
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void shouldValidateWithoutAChampionLikeTheValidateCommand() throws Exception {
        // the demo's validation against the champion, asked before any version is in production: like 'mlstages
        // validate --registry' it validates without a baseline gate (it used to end in an internal error, exit 3)
        Path train = Path.of(DemoCommand.class.getResource("demo/chicago-a-train.csv").toURI());
        Path live = Path.of(DemoCommand.class.getResource("demo/chicago-a-validation.csv").toURI());
        Path model = temp.resolve("v1");
        CliRun trained = CliRun.of("train", "--data", train.toString(), "--target", "ridership", "--algorithm",
                "linear", "--exclude", "date", "-o", model.toString(), "-q");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Registry empty = Registry.open(Files.createDirectories(temp.resolve("registry")));

        DemoCommand.StageResult stage = new DemoCommand().validate(7, "v1", model, live, "unseen days", empty,
                temp.resolve("validation.json"), null, true);
        CliRun command = CliRun.of("validate", "--model", model.toString(), "--data", live.toString(), "--min",
                "r2=0.5", "--min-relative-improvement", "rmse=0.1", "--registry", empty.root().toString(),
                "--registry-model", DemoCommand.MODEL, "--no-bless");

        assertThat(stage.verdict()).isEqualTo("blessed");
        assertThat(stage.expected()).isTrue();
        assertThat(stage.facts()).doesNotContainKey("champion").containsEntry("passed", true);
        assertThat(temp.resolve("validation.json")).exists();
        assertThat(model.resolve("blessing.json")).exists();
        assertThat(command.exitCode()).as(command.err()).isZero();
        assertThat(command.err()).contains("has no 'production' version yet");
    }

    private static JsonNode facts(final JsonNode stages, final int number) {
        JsonNode stage = stages.get(number - 1);
        assertThat(stage.get("number").asInt()).isEqualTo(number);
        return stage.get("facts");
    }

    private static List<String> textList(final JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
