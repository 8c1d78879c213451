package io.mlstages.metrics;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.metrics.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Metrics against scikit-learn's values on seeded predictions (make_metric_fixtures.py). */
class MetricsTest {
    private static JsonNode fixtures;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = MetricsTest.class.getResourceAsStream("/validate/metric_fixtures.json")) {
            fixtures = new ObjectMapper().readTree(in);
        }
    }

    static Predictions classification(final JsonNode node) {
        List<String> classes = new ArrayList<>();
        node.path("classes").forEach(c -> classes.add(c.asText()));
        int n = node.path("actual").size();
        int[] actual = new int[n];
        double[][] probabilities = new double[n][];
        for (int i = 0; i < n; i++) {
            actual[i] = node.path("actual").get(i).asInt();
            JsonNode row = node.path("probabilities").get(i);
            probabilities[i] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                probabilities[i][c] = row.get(c).doubleValue();
            }
        }
        Task task = classes.size() == 2 ? Task.BINARY : Task.MULTICLASS;
        return new Predictions(task, classes, actual, probabilities, null, null, 0);
    }

    static Predictions regression(final JsonNode node) {
        int n = node.path("actual").size();
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = node.path("actual").get(i).doubleValue();
            predicted[i] = node.path("predicted").get(i).doubleValue();
        }
        return new Predictions(Task.REGRESSION, List.of(), null, null, actual, predicted, 0);
    }

    private static void assertMatchesSklearn(final Evaluation evaluation, final JsonNode expected) {
        assertThat(evaluation.metrics().keySet()).containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            assertThat(evaluation.metrics().get(field.getKey())).as(field.getKey())
                    .isCloseTo(field.getValue().doubleValue(), within(1e-9));
        }
    }

    private static long[][] matrix(final JsonNode node) {
        long[][] out = new long[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            out[i] = new long[node.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = node.get(i).get(j).asLong();
            }
        }
        return out;
    }

    @Test
    void shouldMatchSklearnOnBinaryPredictionsWithTiedScores() {
        JsonNode node = fixtures.path("binary");
        Evaluation evaluation = Metrics.evaluate(classification(node));

        assertMatchesSklearn(evaluation, node.path("expected"));
        assertThat(evaluation.confusion()).isDeepEqualTo(matrix(node.path("confusion")));
        assertThat(evaluation.rows()).isEqualTo(600);
        assertThat(evaluation.notes()).isEmpty();
    }

    @Test
    void shouldMatchSklearnOnMulticlassWithAClassNeverPredicted() {
        JsonNode node = fixtures.path("multiclass");
        Evaluation evaluation = Metrics.evaluate(classification(node));

        assertMatchesSklearn(evaluation, node.path("expected"));
        assertThat(evaluation.confusion()).isDeepEqualTo(matrix(node.path("confusion")));
        assertThat(evaluation.metrics()).doesNotContainKeys("precision", "recall", "f1", "rmse");
        assertThat(evaluation.notes()).containsExactly(
                "precision of class 'rare' is 0/0 (never predicted): counted as 0");
    }

    @Test
    void shouldMatchSklearnOnRegression() {
        JsonNode node = fixtures.path("regression");
        Evaluation evaluation = Metrics.evaluate(regression(node));

        assertMatchesSklearn(evaluation, node.path("expected"));
        assertThat(evaluation.confusion()).isNull();
    }

    @Test
    void shouldGiveZeroR2ForImperfectPredictionsOfAConstantTruth() {
        JsonNode node = fixtures.path("constant_regression");
        Evaluation evaluation = Metrics.evaluate(regression(node));

        assertMatchesSklearn(evaluation, node.path("expected"));
        assertThat(evaluation.value(Metric.R2)).isZero();
        assertThat(evaluation.notes()).singleElement().asString().contains("constant");
    }

    @Test
    void shouldCountTiedScoresHalfInRocAuc() {
        // one positive and one negative with the same score: a coin flip, AUC 0.5; a higher positive adds 1
        int[] actual = {1, 0, 1, 0};
        double[][] p = {{0.4, 0.6}, {0.4, 0.6}, {0.1, 0.9}, {0.8, 0.2}};
        double auc = Metrics.binaryAuc(actual, p, 1);
        // pairs (pos, neg): (0.6,0.6)=0.5, (0.6,0.2)=1, (0.9,0.6)=1, (0.9,0.2)=1 -> 3.5 of 4
        assertThat(auc).isEqualTo(3.5 / 4);
    }

    @Test
    void shouldReportRocAucUndefinedWhenOnlyOneClassIsTrue() {
        Predictions predictions = new Predictions(Task.BINARY, List.of("a", "b"), new int[] {0, 0, 0},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}}, null, null, 0);
        Evaluation evaluation = Metrics.evaluate(predictions);

        assertThat(evaluation.value(Metric.ROC_AUC)).isNaN();
        assertThat(evaluation.notes()).anyMatch(note -> note.contains("roc_auc is undefined"));
        // class b is predicted once but never true: its recall is 0/0, counted as 0
        assertThat(evaluation.value(Metric.RECALL)).isZero();
        assertThat(evaluation.value(Metric.ACCURACY)).isEqualTo(2.0 / 3);
    }

    @Test
    void shouldCostAConfidentWrongAnswerAboutThirtySixNotInfinity() {
        Predictions predictions = new Predictions(Task.BINARY, List.of("a", "b"), new int[] {1},
                new double[][] {{1.0, 0.0}}, null, null, 0);
        double loss = Metrics.evaluate(predictions).value(Metric.LOG_LOSS);

        assertThat(loss).isCloseTo(-Math.log(Math.ulp(1.0)), within(1e-12)).isBetween(36.0, 36.1);
    }

    @Test
    void shouldRefuseEmptyPredictionsAndProbabilitiesOutsideZeroOne() {
        Predictions empty = new Predictions(Task.REGRESSION, List.of(), null, null, new double[0], new double[0], 0);
        assertThatThrownBy(() -> Metrics.evaluate(empty)).isInstanceOf(MetricException.class)
                .hasMessageContaining("No rows");
        Predictions bad = new Predictions(Task.BINARY, List.of("a", "b"), new int[] {0},
                new double[][] {{Double.NaN, 0.5}}, null, null, 0);
        assertThatThrownBy(() -> Metrics.evaluate(bad)).isInstanceOf(MetricException.class)
                .hasMessageContaining("Row 1").hasMessageContaining("class 'a'");
    }

    @Test
    void shouldNameTheKnownMetricsWhenANameIsUnknown() {
        assertThatThrownBy(() -> Metric.parse("acuracy")).isInstanceOf(MetricException.class)
                .hasMessageContaining("'acuracy'").hasMessageContaining("accuracy, precision");
        assertThat(Metric.parse("F1-Macro")).isEqualTo(Metric.F1_MACRO);
        assertThat(Metric.LOG_LOSS.greaterIsBetter()).isFalse();
        assertThat(Metric.R2.greaterIsBetter()).isTrue();
    }
}
