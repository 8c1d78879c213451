package io.mlstages.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A gbt package is usable without this engine: Python's xgboost loads its model file and, encoding rows as
 * model.json says, predicts what the engine predicts. Skipped when Python's xgboost is not installed (Debian:
 * python3-xgboost) on a developer's machine; under CI ({@code CI=true}) its absence fails the test, since
 * {@code .ci/run} installs it.
 */
class PythonXgboostTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path temp;

    private static boolean pythonHasXgboost() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(PYTHON.toString(), "-c", "import xgboost").redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void requireXgboost() {
        boolean present = pythonHasXgboost();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but /usr/bin/python3 cannot import xgboost: .ci/run installs "
                    + "python3-xgboost, so the cross-check must run");
        }
        assumeTrue(present, "Python's xgboost is not installed (Debian: python3-xgboost)");
    }

    private JsonNode pythonPredictions(final Path model, final Path data) throws Exception {
        return python(model, data, "predict");
    }

    private JsonNode python(final Path model, final Path data, final String mode) throws Exception {
        Path script = Path.of(PythonXgboostTest.class.getResource("/train/xgboost_predict.py").toURI());
        Path out = temp.resolve("python.json");
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), model.toString(), data.toString(),
                out.toString(), mode).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Json.parse(Files.readAllBytes(out), out.toString());
    }

    @Test
    void shouldPredictInPythonWhatTheEnginePredictsForBinaryClasses() throws Exception {
        requireXgboost();
        Path test = Datasets.file("german-credit-test.csv");
        ModelPackage model = Trainer.train(Datasets.file("german-credit-train.csv"),
                TrainOptions.of(Algorithm.GBT, "class"), temp.resolve("credit"));
        Predictions java = Scoring.score(model, test, ReadOptions.defaults());
        JsonNode python = pythonPredictions(temp.resolve("credit"), test);
        assertThat(python.size()).isEqualTo(java.size());
        for (int i = 0; i < java.size(); i++) {
            // binary:logistic gives the positive (second) class's probability
            assertThat(python.get(i).asDouble()).isCloseTo(java.probabilities()[i][1], within(1e-6));
        }
    }

    @Test
    void shouldPredictInPythonWhatTheEnginePredictsForSeveralClassesWithMissingValues() throws Exception {
        requireXgboost();
        // blank some cells so that both sides must treat missing values alike
        java.util.List<String> lines = Files.readAllLines(Datasets.file("seattle-weather.csv"));
        for (int i = 1; i < lines.size(); i += 7) {
            String[] cells = lines.get(i).split(",", -1);
            cells[1 + i % 4] = "";
            lines.set(i, String.join(",", cells));
        }
        Path data = temp.resolve("weather.csv");
        Files.write(data, lines);
        ModelPackage model = Trainer.train(data, TrainOptions.of(Algorithm.GBT, "weather"), temp.resolve("weather"));
        Predictions java = Scoring.score(model, data, ReadOptions.defaults());
        JsonNode python = pythonPredictions(temp.resolve("weather"), data);
        assertThat(python.size()).isEqualTo(java.size());
        for (int i = 0; i < java.size(); i++) {
            for (int k = 0; k < java.classes().size(); k++) {
                assertThat(python.get(i).get(k).asDouble()).isCloseTo(java.probabilities()[i][k], within(1e-6));
            }
        }
    }

    @Test
    void shouldComputeInPythonTheTreeShapContributionsTheEngineExplainsWith() throws Exception {
        requireXgboost();
        Path test = Datasets.file("german-credit-test.csv");
        ModelPackage model = Trainer.train(Datasets.file("german-credit-train.csv"),
                TrainOptions.of(Algorithm.GBT, "class"), temp.resolve("credit"));
        int[] n = new int[1];
        double[] inputs = ExplainerTest.encoded(model, test, n);
        float[][] java = ((GbtModel) model.predictor()).contributions(inputs, n[0]);
        JsonNode python = python(temp.resolve("credit"), test, "contribs");

        assertThat(python.size()).isEqualTo(n[0]);
        int width = model.inputNames().size();
        for (int r = 0; r < n[0]; r++) {
            assertThat(python.get(r).size()).isEqualTo(java[r].length).isEqualTo(width + 1);
            // the inputs' contributions; the bias holds the intercept, which xgboost before 3.0 reads otherwise
            for (int j = 0; j < width; j++) {
                assertThat(python.get(r).get(j).asDouble()).as("row %d, input %s", r, model.inputNames().get(j))
                        .isCloseTo(java[r][j], within(1e-5));
            }
        }
    }
}
