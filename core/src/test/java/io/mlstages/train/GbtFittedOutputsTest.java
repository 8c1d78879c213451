package io.mlstages.train;

import io.mlstages.metrics.Task;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training metrics of a GBT model come from XGBoost's kept training predictions instead of a second pass over
 * the trees: those outputs must be the ones {@link Predictor#predict} gives on the same rows.
 */
class GbtFittedOutputsTest {
    @ParameterizedTest
    @CsvSource({"german-credit-train.csv, class, BINARY", "seattle-weather.csv, weather, MULTICLASS",
        "chicago-ridership-train.csv, ridership, REGRESSION"})
    void shouldKeepTheOutputsPredictGivesOnTheTrainingRows(final String file, final String target, final Task task) {
        TrainOptions options = TrainOptions.of(Algorithm.GBT, target).withHoldout(0);
        TrainingData data = TrainingData.read(Datasets.file(file), options);
        Target labels = Target.of(data, options);
        assertThat(labels.task).isEqualTo(task);
        int[] rows = Trainer.split(data.rows, 0, options.seed(), data.file)[0];
        Encoder encoder = new Encoder(Trainer.features(data, rows, new HashMap<>()));
        double[] inputs = encoder.encode(data, rows);
        Map<String, String> hyper = Hyperparameters.resolve(Algorithm.GBT, Map.of());

        Predictor model = Trainer.fit(options, hyper, labels, encoder, inputs, rows);
        double[] fitted = model.takeFittedOutputs().orElseThrow();
        double[] predicted = model.predict(inputs, rows.length);

        assertThat(fitted).hasSize(rows.length * model.outputs()).containsExactly(predicted);
        assertThat(model.takeFittedOutputs()).as("taken once").isEmpty();
    }
}
