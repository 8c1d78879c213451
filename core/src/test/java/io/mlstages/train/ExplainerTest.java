package io.mlstages.train;

import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Explanations on real data: tree SHAP contributions that add up to XGBoost's own margin row by row, in the user's
 * feature names, the feature known to matter on top; standardized coefficients as the coefficient times the
 * evaluation data's standard deviation.
 */
class ExplainerTest {
    @TempDir
    static Path temp;

    private static ModelPackage creditGbt;

    @BeforeAll
    static void train() {
        creditGbt = Trainer.train(Datasets.file("german-credit-train.csv"), TrainOptions.of(Algorithm.GBT, "class"),
                temp.resolve("credit-gbt"));
    }

    /** The encoded rows of a data file, row-major. */
    static double[] encoded(final ModelPackage model, final Path data, final int[] rows) {
        Encoder encoder = model.encoder();
        List<double[]> out = new ArrayList<>();
        try (RowSource source = DataReader.open(data, ReadOptions.defaults().withTypes(types(model)))) {
            int[] at = encoder.locate(source);
            while (source.next()) {
                double[] row = new double[encoder.width()];
                encoder.encode(source, at, row, 0);
                out.add(row);
            }
        }
        rows[0] = out.size();
        double[] all = new double[out.size() * encoder.width()];
        for (int r = 0; r < out.size(); r++) {
            System.arraycopy(out.get(r), 0, all, r * encoder.width(), encoder.width());
        }
        return all;
    }

    private static java.util.Map<String, io.mlstages.data.ColumnType> types(final ModelPackage model) {
        java.util.Map<String, io.mlstages.data.ColumnType> types = new java.util.HashMap<>();
        model.metadata().features().forEach(f -> types.put(f.name(), f.type()));
        return types;
    }

    private static void assertSumsToTheMargin(final ModelPackage model, final Path data) {
        int[] n = new int[1];
        double[] inputs = encoded(model, data, n);
        GbtModel gbt = (GbtModel) model.predictor();
        double[][][] contributions = Explainer.featureContributions(gbt, model.encoder(), inputs, n[0]);
        float[][] margins = gbt.margins(inputs, n[0]);
        assertThat(contributions.length).isEqualTo(n[0]);
        for (int r = 0; r < n[0]; r++) {
            assertThat(contributions[r].length).isEqualTo(margins[r].length);
            for (int g = 0; g < margins[r].length; g++) {
                double sum = 0;
                for (double value : contributions[r][g]) {
                    sum += value;
                }
                // XGBoost sums in float: a few ulps of a margin of order 1 to 10
                assertThat(sum).as("row %d, group %d", r, g).isCloseTo(margins[r][g], within(1e-4));
            }
        }
    }

    @Test
    void shouldSplitEachRowsLogOddsIntoItsFeaturesContributions() {
        assertSumsToTheMargin(creditGbt, Datasets.file("german-credit-test.csv"));
    }

    @Test
    void shouldSplitEachClassesMarginForSeveralClasses() {
        // the date names the day; as a feature it would be 1,461 one-hot inputs of one row each
        ModelPackage weather = Trainer.train(Datasets.file("seattle-weather.csv"),
                TrainOptions.of(Algorithm.GBT, "weather").withExclude(java.util.Set.of("date")),
                temp.resolve("weather"));
        assertSumsToTheMargin(weather, Datasets.file("seattle-weather.csv"));
    }

    @Test
    void shouldNameTheUsersFeaturesWithTheAccountStatusOnTopForCredit() {
        Explanation explanation = Explainer.explain(creditGbt, Datasets.file("german-credit-test.csv"),
                ReadOptions.defaults()).orElseThrow();

        assertThat(explanation.method()).isEqualTo(Explanation.Method.TREE_SHAP);
        assertThat(explanation.rows()).isEqualTo(250);
        assertThat(explanation.scale()).isEqualTo("log-odds");
        // one weight per feature as the data names it: the one-hot columns (checking_status=<0, ...) summed back
        assertThat(explanation.features()).extracting(Explanation.Weight::name)
                .containsExactlyInAnyOrderElementsOf(creditGbt.metadata().features().stream().map(Feature::name)
                        .toList());
        // the checking account's status is the strongest signal of this data set (as in every study of it)
        assertThat(explanation.features().get(0).name()).isEqualTo("checking_status");
        assertThat(explanation.features()).isSortedAccordingTo((a, b) -> Double.compare(b.weight(), a.weight()));
        assertThat(explanation.features().stream().mapToDouble(explanation::share).sum()).isCloseTo(1, within(1e-9));
    }

    @Test
    void shouldRankTheWorstSizeOfTheTumourOnTopForBreastCancer() {
        ModelPackage model = Trainer.train(Datasets.file("breast-cancer-train.csv"),
                TrainOptions.of(Algorithm.GBT, "diagnosis"), temp.resolve("cancer-gbt"));
        Explanation explanation = Explainer.explain(model, Datasets.file("breast-cancer-test.csv"),
                ReadOptions.defaults()).orElseThrow();

        // the largest cells' size and shape ("worst_" columns) separate malignant from benign tumours: the top one
        // carries over a quarter of the weight, and three of the top four are "worst_" columns (the other one,
        // area_error, is the spread of the cells' size)
        assertThat(explanation.features().get(0).name()).isIn("worst_perimeter", "worst_area", "worst_radius",
                "worst_concave_points");
        assertThat(explanation.share(explanation.features().get(0))).isGreaterThan(0.25);
        assertThat(explanation.top(4)).filteredOn(f -> f.name().startsWith("worst_")).hasSize(3);
        assertThat(explanation.features()).last().satisfies(f -> assertThat(explanation.share(f)).isLessThan(0.01));
    }

    @Test
    void shouldWeighALinearModelsInputsByTheirStandardDeviationOnTheData() throws Exception {
        ModelPackage model = Trainer.train(Datasets.file("german-credit-train.csv"),
                TrainOptions.of(Algorithm.LOGISTIC, "class"), temp.resolve("credit-logistic"));
        Path test = Datasets.file("german-credit-test.csv");
        Explanation explanation = Explainer.explain(model, test, ReadOptions.defaults()).orElseThrow();

        assertThat(explanation.method()).isEqualTo(Explanation.Method.STANDARDIZED_COEFFICIENTS);
        LinearModel linear = (LinearModel) model.predictor();
        int duration = model.inputNames().indexOf("duration");
        double sd = standardDeviation(test, "duration");
        double expected = Math.abs(linear.weights[0][duration] / linear.scale[duration] * sd);
        assertThat(weight(explanation, "duration")).isCloseTo(expected, within(1e-9));
        // a categorical feature: the sum over its one-hot inputs of |coefficient| x the input's deviation
        assertThat(weight(explanation, "checking_status")).isGreaterThan(weight(explanation, "num_dependents"));
        assertThat(explanation.features().get(0).name()).isEqualTo("checking_status");
    }

    private static double weight(final Explanation explanation, final String feature) {
        return explanation.features().stream().filter(f -> f.name().equals(feature)).findFirst().orElseThrow()
                .weight();
    }

    /** The sample standard deviation of a column, computed apart from the engine from the CSV's text. */
    private static double standardDeviation(final Path csv, final String column) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        int index = List.of(lines.get(0).split(",")).indexOf(column);
        double[] values = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[index])).toArray();
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double squares = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.length - 1));
    }
}
