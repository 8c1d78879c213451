package io.mlstages.validate;

import io.mlstages.metrics.Predictions;
import io.mlstages.metrics.Metrics;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.data.DataException;
import io.mlstages.metrics.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.mlstages.validate.ValidationFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Predictions files: the real-data predictions of scikit-learn models (make_realdata_predictions.py) read back to
 * the metrics sklearn computed, and every malformed file refused with its file, line and column.
 */
class PredictionsFileTest {
    private static JsonNode expected;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        expected = new ObjectMapper().readTree(resource("realdata_metrics.json").toFile());
    }

    private static void assertMetrics(final Evaluation evaluation, final JsonNode values) {
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNumber()) {
                assertThat(evaluation.metrics().get(field.getKey())).as(field.getKey())
                        .isCloseTo(field.getValue().doubleValue(), within(1e-9));
            }
        }
    }

    @Test
    void shouldReadBinaryProbabilitiesToSklearnMetricsOnBreastCancer() {
        for (String model : List.of("strong", "weak")) {
            Predictions predictions = PredictionsFile.read(resource("breast-cancer-" + model + ".csv"),
                    PredictionsFile.Options.defaults());

            assertThat(predictions.task()).isEqualTo(Task.BINARY);
            assertThat(predictions.classes()).containsExactly("benign", "malignant");
            assertThat(predictions.size()).isEqualTo(142);
            assertMetrics(Metrics.evaluate(predictions), expected.path("breast-cancer").path(model));
        }
    }

    @Test
    void shouldReadGermanCreditAndChicagoRegressionToSklearnMetrics() {
        for (String model : List.of("strong", "weak")) {
            Evaluation evaluation = Metrics.evaluate(PredictionsFile.read(resource("german-credit-" + model + ".csv"),
                    PredictionsFile.Options.defaults()));
            assertMetrics(evaluation, expected.path("german-credit").path(model));
        }
        for (String model : List.of("ridge", "mean")) {
            Predictions predictions = PredictionsFile.read(resource("chicago-ridership-" + model + ".csv"),
                    PredictionsFile.Options.defaults());
            assertThat(predictions.task()).isEqualTo(Task.REGRESSION);
            assertMetrics(Metrics.evaluate(predictions), expected.path("chicago-ridership").path(model));
        }
    }

    @Test
    void shouldMakeTheNamedClassPositive() {
        Predictions predictions = PredictionsFile.read(resource("breast-cancer-strong.csv"),
                PredictionsFile.Options.defaults().withPositiveClass("benign"));

        assertThat(predictions.classes()).containsExactly("malignant", "benign");
        // benign is 0.637 of the rows; its precision is then the recall of 'malignant' seen from the other side
        Evaluation evaluation = Metrics.evaluate(predictions);
        assertThat(evaluation.value(Metric.RECALL)).isLessThan(1.0);
        assertThat(evaluation.value(Metric.ROC_AUC)).isEqualTo(1.0);
    }

    @Test
    void shouldReadHardLabelsSortingNumericClassesByValue() throws IOException {
        Path file = write("labels.csv", "y,yhat\n10,10\n2,10\n2,2\n10,2\n2,2\n");
        Predictions predictions = PredictionsFile.read(file, PredictionsFile.Options.defaults()
                .withActualColumn("y").withPredictedColumn("yhat").withTask(Task.BINARY));

        assertThat(predictions.classes()).containsExactly("2", "10");
        assertThat(predictions.actualClass()).containsExactly(1, 0, 0, 1, 0);
        assertThat(Metrics.evaluate(predictions).value(Metric.ACCURACY)).isEqualTo(0.6);
    }

    @Test
    void shouldInferMulticlassFromTextLabels() throws IOException {
        Path file = write("iris.csv", "actual,predicted\nsetosa,setosa\nvirginica,versicolor\nversicolor,versicolor\n");
        Predictions predictions = PredictionsFile.read(file, PredictionsFile.Options.defaults());

        assertThat(predictions.task()).isEqualTo(Task.MULTICLASS);
        assertThat(predictions.classes()).containsExactly("setosa", "versicolor", "virginica");
    }

    @Test
    void shouldMatchNumericLabelsByValue() throws IOException {
        Path file = write("numeric.csv", "actual,p_0,p_1\n1.0,0.2,0.8\n0,0.6,0.4\n");
        Predictions predictions = PredictionsFile.read(file, PredictionsFile.Options.defaults());

        assertThat(predictions.actualClass()).containsExactly(1, 0);
    }

    @Test
    void shouldNameFileLineAndColumnOfAnUnknownClass() throws IOException {
        Path file = write("unknown.csv", "actual,p_no,p_yes\nyes,0.1,0.9\nmaybe,0.5,0.5\n");

        assertThatThrownBy(() -> PredictionsFile.read(file, PredictionsFile.Options.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("unknown.csv, line 3, column 'actual'")
                .hasMessageContaining("'maybe'").hasMessageContaining("[no, yes]");
    }

    @Test
    void shouldRefuseProbabilitiesOutsideZeroOneOrNotSummingToOne() throws IOException {
        Path range = write("range.csv", "actual,p_no,p_yes\nyes,-0.1,1.1\n");
        assertThatThrownBy(() -> PredictionsFile.read(range, PredictionsFile.Options.defaults()))
                .hasMessageContaining("line 2, column 'p_no'").hasMessageContaining("between 0 and 1");

        Path sum = write("sum.csv", "actual,p_no,p_yes\nyes,0.1,0.9\nno,0.5,0.4\n");
        assertThatThrownBy(() -> PredictionsFile.read(sum, PredictionsFile.Options.defaults()))
                .hasMessageContaining("sum.csv, line 3").hasMessageContaining("sum to 0.9");
    }

    @Test
    void shouldAcceptProbabilitiesRoundedToFourDigits() throws IOException {
        Path file = write("rounded.csv", "actual,p_a,p_b,p_c\na,0.3333,0.3333,0.3333\nc,0.1,0.2,0.7\n");

        assertThat(PredictionsFile.read(file, PredictionsFile.Options.defaults()).task()).isEqualTo(Task.MULTICLASS);
    }

    @Test
    void shouldRefuseAPredictedClassThatIsNotTheMostProbable() throws IOException {
        Path file = write("disagree.csv", "actual,predicted,p_no,p_yes\nyes,yes,0.2,0.8\nno,yes,0.7,0.3\n");

        assertThatThrownBy(() -> PredictionsFile.read(file, PredictionsFile.Options.defaults()))
                .hasMessageContaining("line 3, column 'predicted'").hasMessageContaining("not the most probable");
    }

    @Test
    void shouldNameTheLineOfAMissingTrueValue() throws IOException {
        Path file = write("gap.csv", "actual,predicted\n1.5,1.4\n,2.0\n");

        assertThatThrownBy(() -> PredictionsFile.read(file, PredictionsFile.Options.defaults()))
                .hasMessageContaining("gap.csv, line 3, column 'actual'").hasMessageContaining("missing");
    }

    @Test
    void shouldListTheColumnsWhenTheTrueColumnIsAbsent() throws IOException {
        Path file = write("names.csv", "truth,score\n1,2\n");

        assertThatThrownBy(() -> PredictionsFile.read(file, PredictionsFile.Options.defaults()))
                .hasMessageContaining("column 'actual'").hasMessageContaining("truth, score");
    }

    @Test
    void shouldRefuseASingleProbabilityColumn() throws IOException {
        Path file = write("single.csv", "actual,p_yes\nyes,0.9\n");

        assertThatThrownBy(() -> PredictionsFile.read(file, PredictionsFile.Options.defaults()))
                .hasMessageContaining("'p_yes'").hasMessageContaining("one per class");
    }

    @Test
    void shouldRefuseATextPredictionInRegression() throws IOException {
        Path file = write("text.csv", "actual,predicted\n1.5,1.4\n2.5,oops\n");

        assertThatThrownBy(() -> PredictionsFile.read(file, PredictionsFile.Options.defaults()
                .withTask(Task.REGRESSION)))
                .hasMessageContaining("line 3, column 'predicted'").hasMessageContaining("'oops' is not a number");
    }

    @Test
    void shouldReadJsonLinesLikeCsv() throws IOException {
        Path file = write("scores.jsonl", "{\"actual\": \"yes\", \"p_no\": 0.25, \"p_yes\": 0.75}\n"
                + "{\"actual\": \"no\", \"p_no\": 0.5, \"p_yes\": 0.5}\n"
                + "{\"actual\": \"no\", \"p_no\": 0.9, \"p_yes\": 0.1}\n");

        Predictions predictions = PredictionsFile.read(file, PredictionsFile.Options.defaults());

        assertThat(predictions.classes()).containsExactly("no", "yes");
        assertThat(predictions.actualClass()).containsExactly(1, 0, 0);
        // a 0.5 tie goes to the first class, as numpy's argmax: all three right
        assertThat(Metrics.evaluate(predictions).value(Metric.ACCURACY)).isEqualTo(1.0);
    }

    private Path write(final String name, final String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
