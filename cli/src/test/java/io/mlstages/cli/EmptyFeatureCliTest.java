package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reproduction (issue 11, item 1) through the command line: {@code x0} always empty, {@code y = p if
 * x2 > 0 else q}. The model is fitted on x1 and x2, says so, warns that x0 was left out, and validates on the file.
 */
class EmptyFeatureCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path shiftFile() throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("x0,x1,x2,y\n");
        for (int r = 0; r < 400; r++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            csv.append(String.format(Locale.ROOT, ",%.4f,%.4f,%s%n", x1, x2, x2 > 0 ? "p" : "q"));
        }
        Path file = dir.resolve("shift.csv");
        Files.writeString(file, csv);
        return file;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"logistic, --type=x0=numeric", "logistic, ''", "gbt, --type=x0=numeric", "gbt, ''",
        "logistic, --type=x0=categorical"})
    void shouldFitTheOtherFeaturesAndWarnAboutTheEmptyOne(final String algorithm, final String type)
            throws IOException {
        Path data = shiftFile();
        Path pkg = dir.resolve("pkg");
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--target", "y",
                "--algorithm", algorithm, "-o", pkg.toString(), "--quiet"));
        if (!type.isEmpty()) {
            args.add(type);
        }

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: the feature column 'x0' was left out of the model: no values in "
                + "the training rows; predictions ignore it");
        assertThat(run.out()).contains("2 features", "left out: {x0=no values in the training rows}");
        JsonNode model = JSON.readTree(pkg.resolve("model.json").toFile());
        assertThat(model.get("features").findValuesAsText("name")).containsExactly("x1", "x2");
        assertThat(model.at("/skipped/x0").asText()).isEqualTo("no values in the training rows");
        // it was 0.50 with x1's data fitted as x2
        assertThat(model.at("/metrics/holdout/accuracy").doubleValue()).isGreaterThan(0.95);

        CliRun validate = CliRun.of("validate", "--model", pkg.toString(), "--data", data.toString(),
                "--min", "accuracy=0.95");
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
    }
}
