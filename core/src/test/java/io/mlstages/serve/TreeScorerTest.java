package io.mlstages.serve;

import io.mlstages.data.ColumnType;
import io.mlstages.train.Algorithm;
import io.mlstages.train.Feature;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Java tree scorer against the native XGBoost library, on every row of real test sets of each task. */
class TreeScorerTest {
    @TempDir
    Path dir;

    @Test
    void shouldMatchTheNativeLibraryOnANumericBinaryModel() throws Exception {
        compare("breast-cancer-train.csv", "breast-cancer-test.csv", "diagnosis", 2);
    }

    @Test
    void shouldMatchTheNativeLibraryOnABinaryModelWithCategoricalFeatures() throws Exception {
        compare("german-credit-train.csv", "german-credit-test.csv", "class", 2);
    }

    @Test
    void shouldMatchTheNativeLibraryOnAMulticlassModel() throws Exception {
        compare("seattle-weather-2012.csv", "seattle-weather-2015.csv", "weather", 5);
    }

    @Test
    void shouldMatchTheNativeLibraryOnARegressionModel() throws Exception {
        compare("chicago-ridership-train.csv", "chicago-ridership-test.csv", "ridership", 1);
    }

    @Test
    void shouldLeaveALinearModelToThePackage() {
        Path out = dir.resolve("logistic");
        Trainer.train(Fixtures.dataset("breast-cancer-train.csv"), TrainOptions.of(Algorithm.LOGISTIC, "diagnosis"),
                out);
        assertThat(new ServedModel("m", 1, ModelPackage.load(out)).trees).isNull();
    }

    @Test
    void shouldLeaveAModelWhoseFileChangedSinceLoadingToTheNativeLibrary() throws Exception {
        Path out = dir.resolve("gbt");
        Trainer.train(Fixtures.dataset("breast-cancer-train.csv"), TrainOptions.of(Algorithm.GBT, "diagnosis"), out);
        ModelPackage model = ModelPackage.load(out);
        Path file = out.resolve(model.metadata().modelFile());
        Files.writeString(file, Files.readString(file).replace("\"split_conditions\":[", "\"split_conditions\":[1E1,"));

        assertThat(new ServedModel("m", 1, model).trees).isNull();
    }

    private void compare(final String train, final String test, final String target, final int outputs)
            throws Exception {
        Path out = dir.resolve("model");
        Trainer.train(Fixtures.dataset(train), TrainOptions.of(Algorithm.GBT, target), out);
        ModelPackage model = ModelPackage.load(out);
        ServedModel served = new ServedModel("m", 1, model);
        assertThat(served.trees).as("the Java scorer takes this model").isNotNull();

        List<String> lines = Files.readAllLines(Fixtures.dataset(test));
        String[] header = lines.get(0).split(",", -1);
        int rows = 0;
        int missing = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, Object> byName = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                byName.put(header[c], cells[c]);
            }
            Object[] values = new Object[served.features.size()];
            Map<String, Object> row = new HashMap<>();
            for (int f = 0; f < values.length; f++) {
                Feature feature = served.features.get(f);
                String cell = (String) byName.get(feature.name());
                // every 7th row loses a feature, so that the missing-value path is compared too
                boolean drop = cell == null || cell.isEmpty() || (rows % 7 == 0 && f == rows % values.length);
                Object value = drop ? null
                        : feature.type() == ColumnType.NUMERIC ? Double.valueOf(cell) : cell;
                missing += value == null ? 1 : 0;
                values[f] = value;
                row.put(feature.name(), value);
            }
            double[] expected = model.predict(row);
            double[] actual = served.predict(values);
            assertThat(actual).hasSize(outputs == 1 ? 1 : outputs);
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).as("row %d output %d", rows, k).isCloseTo(expected[k], within(1e-6));
            }
            rows++;
        }
        assertThat(rows).isGreaterThan(100);
        assertThat(missing).isPositive();
    }
}
