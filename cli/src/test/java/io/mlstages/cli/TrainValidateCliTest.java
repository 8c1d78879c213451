package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code train} then {@code validate} on the bundled breast-cancer tables (scikit-learn's copy, BSD-3). */
class TrainValidateCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String data(final String name) {
        return DATA.resolve(name).toString();
    }

    private Path train(final String name, final String... extra) {
        Path output = dir.resolve(name);
        String[] args = new String[7 + extra.length];
        args[0] = "train";
        args[1] = "--data";
        args[2] = data("breast-cancer-train.csv");
        args[3] = "--target";
        args[4] = "diagnosis";
        args[5] = "-o";
        args[6] = output.toString();
        System.arraycopy(extra, 0, args, 7, extra.length);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Trained", "holdout:");
        // the stages of a long training are reported on stderr as they happen
        assertThat(run.err()).contains("read and profiled", "rows of breast-cancer-train.csv", "fitting", "fitted in");
        return output;
    }

    @Test
    void shouldBlessAStrongModelAndRefuseAWeakOneAgainstIt() throws IOException {
        Path strong = train("strong", "--algorithm", "gbt");
        Path weak = train("weak", "--algorithm", "logistic", "--features", "mean_symmetry");

        Path report = dir.resolve("strong.json");
        CliRun pass = CliRun.of("validate", "--model", strong.toString(), "--data", data("breast-cancer-test.csv"),
                "--min", "accuracy=0.9", "--baseline", weak.toString(), "--json", report.toString(),
                "--junit", dir.resolve("strong.xml").toString());
        assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
        assertThat(strong.resolve("blessing.json")).exists();
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(Files.readString(dir.resolve("strong.xml"))).contains("<testcase", "failures=\"0\"");

        CliRun fail = CliRun.of("validate", "--model", weak.toString(), "--data", data("breast-cancer-test.csv"),
                "--baseline", strong.toString(), "--max-regression", "accuracy=0.01");
        assertThat(fail.exitCode()).as(fail.out() + fail.err()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL").contains("Not blessed");
        assertThat(weak.resolve("blessing.json")).doesNotExist();
    }

    @Test
    void shouldNameTheFileAndColumnWhenTheTargetIsAbsent() {
        CliRun run = CliRun.of("train", "--data", data("breast-cancer-train.csv"), "--target", "outcome",
                "--algorithm", "logistic", "-o", dir.resolve("x").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("breast-cancer-train.csv").contains("outcome").doesNotContain("\tat ");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void shouldRefuseAnUnknownMetricBeforeScoringAnything() {
        Path model = train("m", "--algorithm", "logistic");

        CliRun run = CliRun.of("validate", "--model", model.toString(), "--data", data("breast-cancer-test.csv"),
                "--min", "acuracy=0.9");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("acuracy").contains("accuracy");
        assertThat(model.resolve("blessing.json")).doesNotExist();
    }

    @Test
    void shouldRequireEvaluationDataWithAModel() {
        CliRun run = CliRun.of("validate", "--model", dir.resolve("m").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--data");
    }

    @Test
    void shouldRequireAnAlgorithmOrACommand() {
        CliRun run = CliRun.of("train", "--data", data("breast-cancer-train.csv"), "--target", "diagnosis", "-o",
                dir.resolve("m").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--algorithm");
    }
}
