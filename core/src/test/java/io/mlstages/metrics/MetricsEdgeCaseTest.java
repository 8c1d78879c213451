package io.mlstages.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Edge cases the scikit-learn fixtures of {@link MetricsTest} do not reach, found by PIT's surviving mutants
 * (docs/quality.md): each expected value is worked out by hand in the comments.
 */
class MetricsEdgeCaseTest {

    @Test
    void shouldLeaveAClassNeitherTrueNorPredictedOutOfTheMacroAverages() {
        // c is a known class that no row has and no row is predicted as
        Predictions predictions = new Predictions(Task.MULTICLASS, List.of("a", "b", "c"), new int[] {0, 0, 1, 1},
                new double[][] {{0.7, 0.2, 0.1}, {0.5, 0.45, 0.05}, {0.2, 0.7, 0.1}, {0.5, 0.4, 0.1}}, null, null, 0);
        Evaluation evaluation = Metrics.evaluate(predictions);

        // predicted a, a, b, a: a has precision 2/3 and recall 1, b precision 1 and recall 1/2
        assertThat(evaluation.value(Metric.PRECISION_MACRO)).isCloseTo((2.0 / 3 + 1) / 2, within(1e-12));
        assertThat(evaluation.value(Metric.RECALL_MACRO)).isCloseTo(0.75, within(1e-12));
        assertThat(evaluation.value(Metric.F1_MACRO)).isCloseTo((0.8 + 2.0 / 3) / 2, within(1e-12));
        // one-vs-rest AUC: a 3.5 of 4 pairs (one tie at 0.5), b 3 of 4; c has no true rows and is left out
        assertThat(evaluation.value(Metric.ROC_AUC)).isCloseTo((0.875 + 0.75) / 2, within(1e-12));
        assertThat(evaluation.notes()).anyMatch(note -> note.contains("class 'c' is left out"))
                .noneMatch(note -> note.contains("0/0"));
    }

    @Test
    void shouldNoteARecallOfZeroOverZeroForAClassPredictedButNeverTrue() {
        Predictions predictions = new Predictions(Task.BINARY, List.of("a", "b"), new int[] {0, 0, 0},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}}, null, null, 0);

        assertThat(Metrics.evaluate(predictions).notes())
                .anyMatch(note -> note.contains("recall of class 'b' is 0/0 (no true rows)"));
    }

    @Test
    void shouldNormaliseEachRowsProbabilitiesForTheLogLoss() {
        // scores that do not sum to 1: the true class gets 0.6 of 0.8
        Predictions predictions = new Predictions(Task.BINARY, List.of("a", "b"), new int[] {1},
                new double[][] {{0.2, 0.6}}, null, null, 0);

        assertThat(Metrics.evaluate(predictions).value(Metric.LOG_LOSS)).isCloseTo(-Math.log(0.75), within(1e-12));
    }

    @Test
    void shouldKeepTheMeanOfAMillionErrorsExact() {
        // summed naively, a million errors of 0.1 give a mean of 0.10000000000133288
        double[] actual = new double[1_000_000];
        Arrays.fill(actual, 0.1);
        Predictions predictions = new Predictions(Task.REGRESSION, List.of(), null, null, actual,
                new double[actual.length], 0);

        assertThat(Metrics.evaluate(predictions).value(Metric.MAE)).isEqualTo(0.1);
    }

    @Test
    void shouldRefuseANonFiniteRegressionValueNamingItsRow() {
        Predictions predictions = new Predictions(Task.REGRESSION, List.of(), null, null, new double[] {1, 2, 3},
                new double[] {1, Double.NaN, 3}, 0);

        assertThatThrownBy(() -> Metrics.evaluate(predictions)).isInstanceOf(MetricException.class)
                .hasMessageContaining("Row 2").hasMessageContaining("NaN");
    }

    @Test
    void shouldCallAConstantTruthsR2OneOnlyForPerfectPredictions() {
        Predictions perfect = new Predictions(Task.REGRESSION, List.of(), null, null, new double[] {4, 4},
                new double[] {4, 4}, 0);
        Evaluation evaluation = Metrics.evaluate(perfect);

        assertThat(evaluation.value(Metric.R2)).isEqualTo(1.0);
        assertThat(evaluation.notes()).singleElement().asString().contains("R² is 1 (perfect predictions)");
    }

    @Test
    void shouldRefuseAMetricOfAnotherTask() {
        assertThatThrownBy(() -> new Evaluation(Task.REGRESSION, 1, List.of(), java.util.Map.of("accuracy", 1.0),
                null, List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accuracy");
    }
}
