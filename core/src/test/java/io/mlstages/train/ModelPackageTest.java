package io.mlstages.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What a package holds, and that loading it back (from a folder or a zip) predicts the same. */
class ModelPackageTest {
    @TempDir
    Path temp;

    @Test
    void shouldRecordFeaturesClassesMetricsLineageAndFileHashes() throws IOException {
        Path data = Datasets.file("german-credit.csv");
        ModelPackage model = Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, "class"), temp.resolve("m"),
                name -> Map.of("GIT_COMMIT", "0123abc", "BUILD_URL", "https://ci.example/job/7/").get(name));
        JsonNode json = Json.parse(Files.readAllBytes(temp.resolve("m/model.json")), "model.json");
        assertThat(json.path("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.path("algorithm").asText()).isEqualTo("logistic");
        assertThat(json.path("task").asText()).isEqualTo("binary");
        assertThat(json.path("classes").toString()).isEqualTo("[\"bad\",\"good\"]");
        assertThat(json.path("rows").path("training").asLong() + json.path("rows").path("holdout").asLong())
                .isEqualTo(1000);
        assertThat(json.path("rows").path("holdout").asLong()).isEqualTo(200);
        JsonNode purpose = json.path("features").findParent("categories");
        assertThat(purpose.path("encoding").asText()).isEqualTo("one-hot");
        assertThat(json.path("metrics").path("holdout").path("accuracy").asDouble()).isBetween(0.65, 0.9);
        JsonNode lineage = json.path("lineage");
        assertThat(lineage.path("gitCommit").asText()).isEqualTo("0123abc");
        assertThat(lineage.path("buildUrl").asText()).isEqualTo("https://ci.example/job/7/");
        assertThat(lineage.path("inputs").get(0).path("sha256").asText()).isEqualTo(DataReader.sha256(data));
        assertThat(lineage.path("seed").asLong()).isEqualTo(42);
        assertThat(json.path("files").path("coefficients.json").asText())
                .isEqualTo(DataReader.sha256(temp.resolve("m/coefficients.json")));
        assertThat(json.path("files").path("profile.json").asText())
                .isEqualTo(DataReader.sha256(temp.resolve("m/profile.json")));
        // the stored profile is the drift reference: the same as profiling the training file directly
        assertThat(ProfileJson.read(temp.resolve("m/profile.json")).columns())
                .isEqualTo(Profiles.of(data, ReadOptions.defaults(), ProfileSettings.defaults()).columns());
        assertThat(model.metadata().lineage().gitCommit()).isEqualTo("0123abc");
    }

    @Test
    void shouldPredictTheSameFromAZipAsFromTheTrainedModel() throws IOException {
        Path data = Datasets.file("german-credit-test.csv");
        ModelPackage trained = Trainer.train(Datasets.file("german-credit-train.csv"),
                TrainOptions.of(Algorithm.GBT, "class"), temp.resolve("model.zip"));
        assertThat(temp.resolve("model.zip")).isRegularFile();
        ModelPackage loaded = ModelPackage.load(temp.resolve("model.zip"));
        assertThat(loaded.metadata()).isEqualTo(trained.metadata());
        assertThat(Scoring.score(loaded, data, ReadOptions.defaults()))
                .isEqualTo(Scoring.score(trained, data, ReadOptions.defaults()));
        try (var list = Files.list(temp)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("model.zip");
        }
    }

    @Test
    void shouldPredictASingleRowAsScoringTheFileDoes() throws IOException {
        Path test = Datasets.file("breast-cancer-test.csv");
        for (Algorithm algorithm : List.of(Algorithm.LOGISTIC, Algorithm.GBT)) {
            ModelPackage model = ModelPackage.load(Trainer.train(Datasets.file("breast-cancer-train.csv"),
                    TrainOptions.of(algorithm, "diagnosis"), temp.resolve(algorithm.label())).location());
            Predictions scored = Scoring.score(model, test, ReadOptions.defaults());
            List<String> lines = Files.readAllLines(test);
            String[] header = lines.get(0).split(",");
            String[] cells = lines.get(1).split(",");
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            assertThat(model.predict(row)).containsExactly(scored.probabilities()[0], within(1e-6));
        }
    }

    @Test
    void shouldImputeTheTrainingMeanForAMissingNumberInALinearModel() {
        ModelPackage model = Trainer.train(Datasets.file("chicago-ridership-train.csv"),
                TrainOptions.of(Algorithm.LINEAR, "ridership"), temp.resolve("m"));
        Map<String, Object> row = new HashMap<>();
        for (Feature feature : model.metadata().features()) {
            row.put(feature.name(), feature.categories().isEmpty() ? feature.mean() : feature.categories().get(0));
        }
        double atMean = model.predict(row)[0];
        row.put("temp", null);
        assertThat(model.predict(row)[0]).isEqualTo(atMean);
        row.put("temp", 90.0);
        assertThat(model.predict(row)[0]).isNotEqualTo(atMean);
        // XGBoost receives the gap as missing and follows its learnt default branch
        ModelPackage trees = Trainer.train(Datasets.file("chicago-ridership-train.csv"),
                TrainOptions.of(Algorithm.GBT, "ridership"), temp.resolve("t"));
        row.put("temp", null);
        assertThat(trees.predict(row)[0]).isFinite();
    }

    @Test
    void shouldReplaceAnEarlierPackage() {
        Path data = Datasets.file("breast-cancer.csv");
        Trainer.train(data, TrainOptions.of(Algorithm.GBT, "diagnosis"), temp.resolve("m"));
        Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, "diagnosis"), temp.resolve("m"));
        ModelPackage loaded = ModelPackage.load(temp.resolve("m"));
        assertThat(loaded.metadata().algorithm()).isEqualTo(Algorithm.LOGISTIC);
        assertThat(temp.resolve("m/xgboost-model.json")).doesNotExist();
    }

    @Test
    void shouldNoteAnOptimizerStoppedByItsIterationLimit() {
        Path data = Datasets.file("german-credit.csv");
        ModelPackage stopped = Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, "class")
                .withHyperparameters(Map.of("maxIterations", "2")), temp.resolve("stopped"));
        assertThat(stopped.metadata().notes()).singleElement().asString()
                .startsWith("L-BFGS stopped after 2 iterations before the largest gradient component reached");
        assertThat(ModelPackage.load(temp.resolve("stopped")).metadata().notes())
                .isEqualTo(stopped.metadata().notes());
        ModelPackage converged = Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, "class"), temp.resolve("ok"));
        assertThat(converged.metadata().notes()).isEmpty();
    }
}
