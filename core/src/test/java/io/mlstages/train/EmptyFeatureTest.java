package io.mlstages.train;

import io.mlstages.data.ColumnType;
import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Task;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feature column with no values in the training rows is left out of the model, and every other feature is still
 * fitted on its own column (issue 11, item 1: the features after it used to read the previous column's data).
 */
class EmptyFeatureTest {
    private static final int ROWS = 400;

    @TempDir
    Path temp;

    /**
     * The file: {@code x0} empty (or, with {@code holdoutOnly}, holding values in the holdout rows alone),
     * {@code x1} noise, {@code x2} the signal; {@code y} is {@code p} when {@code x2 > 0}, and {@code z} is a
     * number close to {@code 3 x2}.
     */
    private Path shiftFile(final boolean holdoutOnly) throws IOException {
        Random random = new Random(11);
        boolean[] held = new boolean[ROWS];
        if (holdoutOnly) {
            for (int row : Trainer.split(ROWS, TrainOptions.DEFAULT_HOLDOUT, TrainOptions.DEFAULT_SEED,
                    temp)[1]) {
                held[row] = true;
            }
        }
        StringBuilder csv = new StringBuilder("x0,x1,x2,y,z\n");
        for (int r = 0; r < ROWS; r++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            String x0 = held[r] ? String.format(Locale.ROOT, "%.4f", random.nextGaussian()) : "";
            csv.append(x0).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f", x1, x2,
                    x2 > 0 ? "p" : "q", 3 * x2 + 0.05 * random.nextGaussian())).append('\n');
        }
        Path file = temp.resolve(holdoutOnly ? "holdout-only.csv" : "shift.csv");
        Files.writeString(file, csv);
        return file;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Algorithm algorithm : List.of(Algorithm.LOGISTIC, Algorithm.LINEAR, Algorithm.GBT)) {
            // null: no --type, so the empty column is inferred (as categorical)
            for (ColumnType x0 : Arrays.asList(ColumnType.NUMERIC, ColumnType.CATEGORICAL, null)) {
                for (boolean holdoutOnly : List.of(false, true)) {
                    cases.add(Arguments.of(algorithm, x0, holdoutOnly));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, x0 typed {1}, values in holdout only: {2}")
    @MethodSource("cases")
    void shouldFitEveryOtherFeatureOnItsOwnColumn(final Algorithm algorithm, final ColumnType x0,
            final boolean holdoutOnly) throws IOException {
        Path data = shiftFile(holdoutOnly);
        boolean regression = algorithm == Algorithm.LINEAR;
        Map<String, ColumnType> types = new HashMap<>();
        if (x0 != null) {
            types.put("x0", x0);
        }
        TrainOptions options = TrainOptions.of(algorithm, regression ? "z" : "y")
                .withExclude(java.util.Set.of(regression ? "y" : "z"))
                .withRead(ReadOptions.defaults().withTypes(types));

        ModelPackage model = Trainer.train(data, options, temp.resolve("pkg"));

        ModelMetadata metadata = model.metadata();
        Map<String, Double> holdout = metadata.metrics().get("holdout");
        if (regression) {
            assertThat(metadata.task()).isEqualTo(Task.REGRESSION);
            assertThat(holdout.get("r2")).isGreaterThan(0.99);
        } else {
            // with x1's data fitted as x2 it was 0.50
            assertThat(holdout.get("accuracy")).isGreaterThan(0.95);
        }
        assertThat(metadata.features()).extracting(Feature::name).containsExactly("x1", "x2");
        String reason = holdoutOnly ? "no values in the training rows (" + (ROWS / 5) + " in the holdout rows)"
                : "no values in the training rows";
        assertThat(metadata.skipped()).containsEntry("x0", reason);
        assertThat(metadata.notes()).contains("the feature column 'x0' was left out of the model: " + reason
                + "; predictions ignore it");
        // the reloaded package scores the file as the trainer measured it: same features, same columns
        ModelPackage loaded = ModelPackage.load(model.location());
        Map<String, Double> rescored = Metrics.of(Scoring.score(loaded, data, ReadOptions.defaults()));
        if (regression) {
            assertThat(rescored.get("r2")).isGreaterThan(0.99);
        } else {
            assertThat(rescored.get("accuracy")).isGreaterThan(0.95);
        }
        // and a row given by name, the left-out column with or without a value, predicts from x2
        Map<String, Object> row = new HashMap<>(Map.of("x0", 5.0, "x1", -1.0, "x2", 2.0));
        double[] withX0 = loaded.predict(row);
        row.remove("x0");
        assertThat(loaded.predict(row)).containsExactly(withX0);
        if (regression) {
            assertThat(withX0[0]).isBetween(5.0, 7.0);
        } else {
            assertThat(metadata.classes()).containsExactly("p", "q");
            assertThat(withX0[0]).isGreaterThan(0.9);
        }
    }
}
