package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** train → validate (bless) → deploy → registry → rollback, through the command line, on breast cancer data. */
class RegistryDeployCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path trained(final String name, final String algorithm, final boolean bless) {
        Path output = dir.resolve(name);
        CliRun train = CliRun.of("train", "--data", DATA.resolve("breast-cancer-train.csv").toString(), "--target",
                "diagnosis", "--algorithm", algorithm, "-o", output.toString(), "-q");
        assertThat(train.exitCode()).as(train.err()).isZero();
        if (bless) {
            CliRun validate = CliRun.of("validate", "--model", output.toString(), "--data",
                    DATA.resolve("breast-cancer-test.csv").toString(), "--min", "accuracy=0.9");
            assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        }
        return output;
    }

    @Test
    void shouldDeployRollBackAndKeepTheWholeHistory() throws IOException {
        Path registry = Files.createDirectory(dir.resolve("registry"));
        Path serving = dir.resolve("serving");
        Path blessed = trained("gbt", "gbt", true);
        Path unblessed = trained("logit", "logistic", false);

        CliRun first = CliRun.of("deploy", "--registry", registry.toString(), "--model", "cancer", "--package",
                blessed.toString(), "--target", "directory=" + serving);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(serving.resolve("1").resolve("model.json")).exists();

        CliRun refused = CliRun.of("deploy", "--registry", registry.toString(), "--model", "cancer", "--package",
                unblessed.toString(), "--target", "directory=" + serving);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("not blessed");

        CliRun forced = CliRun.of("deploy", "--registry", registry.toString(), "--model", "cancer", "--package",
                unblessed.toString(), "--force", "--message", "hotfix INC-1", "--target", "directory=" + serving);
        assertThat(forced.exitCode()).as(forced.out() + forced.err()).isZero();

        CliRun rollback = CliRun.of("rollback", "--registry", registry.toString(), "--model", "cancer",
                "--message", "bad hotfix", "--target", "directory=" + serving);
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(serving.resolve("2")).doesNotExist();

        CliRun history = CliRun.of("registry", "history", "--registry", registry.toString(), "--model", "cancer",
                "--json");
        assertThat(history.exitCode()).isZero();
        JsonNode moves = JSON.readTree(history.out());
        assertThat(moves).hasSize(3);
        assertThat(moves.get(1).path("forced").asBoolean()).isTrue();
        assertThat(moves.get(1).path("message").asText()).isEqualTo("hotfix INC-1");
        assertThat(moves.get(2).path("action").asText()).isEqualTo("rollback");
        assertThat(moves.get(2).path("to").asInt()).isEqualTo(1);

        CliRun show = CliRun.of("registry", "show", "--registry", registry.toString(), "--model", "cancer");
        assertThat(show.out()).contains("cancer v1", "blessed", "alias production");
    }

    @Test
    void shouldValidateAgainstTheRegistrysProductionVersion() throws IOException {
        Path registry = Files.createDirectory(dir.resolve("registry"));
        Path champion = trained("gbt", "gbt", true);
        CliRun deploy = CliRun.of("deploy", "--registry", registry.toString(), "--model", "cancer", "--package",
                champion.toString());
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        Path challenger = trained("weak", "logistic", false);

        CliRun validate = CliRun.of("validate", "--model", challenger.toString(), "--data",
                DATA.resolve("breast-cancer-test.csv").toString(), "--registry", registry.toString(),
                "--registry-model", "cancer", "--no-bless", "--json");

        JsonNode report = JSON.readTree(validate.out());
        assertThat(report.path("baselineModel").path("location").asText()).as(validate.out()).contains(registry.toString());
        // the champion is named by the registry's model name and version, not by its package folder
        assertThat(report.path("baselineModel").path("name").asText()).isEqualTo("cancer");
        assertThat(report.path("baselineModel").path("version").asText()).isEqualTo("1");
        assertThat(report.path("gates").findValuesAsText("kind")).contains("baseline");
    }

    @Test
    void shouldValidateAFirstModelThatTheRegistryDoesNotHoldYetWithoutABaseline() throws IOException {
        // the first build of a pipeline that validates against the champion: nothing registered yet
        Path registry = Files.createDirectory(dir.resolve("registry"));
        Path first = trained("gbt", "gbt", true);

        CliRun validate = CliRun.of("validate", "--model", first.toString(), "--data",
                DATA.resolve("breast-cancer-test.csv").toString(), "--registry", registry.toString(),
                "--registry-model", "cancer", "--min", "accuracy=0.9", "--no-bless", "--json");

        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.err()).contains("model 'cancer' has no 'production' version yet");
        JsonNode report = JSON.readTree(validate.out());
        assertThat(report.path("baselineModel").isNull()).as(validate.out()).isTrue();
        assertThat(report.path("gates").findValuesAsText("kind")).doesNotContain("baseline").contains("metric");
    }

    @Test
    void shouldRefuseAHostileModelName() throws IOException {
        CliRun run = CliRun.of("deploy", "--registry", Files.createDirectory(dir.resolve("registry")).toString(), "--model", "../evil",
                "--version", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("../evil");
    }
}
