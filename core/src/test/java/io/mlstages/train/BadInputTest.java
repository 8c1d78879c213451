package io.mlstages.train;

import io.mlstages.metrics.Task;

import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad data, bad options and damaged packages give clear errors naming what is wrong. */
class BadInputTest {
    @TempDir
    Path temp;

    private Path csv(final String name, final String... lines) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private ModelPackage creditModel(final Algorithm algorithm, final String name) {
        return Trainer.train(Datasets.file("german-credit-train.csv"), TrainOptions.of(algorithm, "class"),
                temp.resolve(name));
    }

    @Test
    void shouldNameTheFileTheColumnAndTheColumnsWhenTheTargetIsAbsent() throws IOException {
        Path data = csv("data.csv", "a,b", "1,x", "2,y");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, "label"),
                temp.resolve("out")))
                .isInstanceOf(TrainException.class)
                .hasMessageContaining(data.toString())
                .hasMessageContaining("'label'")
                .hasMessageContaining("[a, b]");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void shouldRefuseASingleClassTarget() throws IOException {
        Path data = csv("data.csv", "a,label", "1,yes", "2,yes", "3,yes", "4,yes");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, "label"),
                temp.resolve("out")))
                .isInstanceOf(TrainException.class)
                .hasMessageContaining("'label' holds a single value ([yes])");
    }

    @Test
    void shouldRefuseATaskTheTargetCannotHave() throws IOException {
        Path data = csv("data.csv", "a,label", "1,x", "2,y", "3,z", "4,x");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.GBT, "label").withTask(Task.BINARY),
                temp.resolve("out"))).hasMessageContaining("3 distinct values, but a binary task needs exactly 2");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.LINEAR, "label"), temp.resolve("out")))
                .hasMessageContaining("linear (ridge) regression predicts numbers");
    }

    @Test
    void shouldNameTheBadHyperparameterAndListTheAcceptedOnes() {
        Path data = Datasets.file("breast-cancer.csv");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.GBT, "diagnosis")
                .withHyperparameters(Map.of("depth", "3")), temp.resolve("out")))
                .isInstanceOf(TrainException.class)
                .hasMessageContaining("Unknown hyperparameter 'depth' for gbt")
                .hasMessageContaining("growPolicy (default lossguide), maxLeaves (default 31), maxDepth (default 0)");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.GBT, "diagnosis")
                .withHyperparameters(Map.of("growPolicy", "widest")), temp.resolve("out")))
                .isInstanceOf(TrainException.class)
                .hasMessage("Hyperparameter growPolicy='widest' is not one of depthwise, lossguide");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.GBT, "diagnosis")
                .withHyperparameters(Map.of("maxLeaves", "0")), temp.resolve("out")))
                .isInstanceOf(TrainException.class)
                .hasMessageContaining("maxDepth=0 and maxLeaves=0 leave the trees unbounded");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.GBT, "diagnosis")
                .withHyperparameters(Map.of("maxLeaves", "1")), temp.resolve("out")))
                .isInstanceOf(TrainException.class)
                .hasMessage("Hyperparameter maxLeaves=1 allows no split: expected 0 (no limit) or at least 2");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, "diagnosis")
                .withHyperparameters(Map.of("maxIterations", "2.5")), temp.resolve("out")))
                .hasMessageContaining("maxIterations=2.5 is out of range: expected a whole number");
        assertThatThrownBy(() -> Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, "diagnosis")
                .withHyperparameters(Map.of("l2", "much")), temp.resolve("out")))
                .hasMessageContaining("l2='much' is not a number");
        assertThatThrownBy(() -> Algorithm.parse("forest"))
                .hasMessage("Unknown algorithm 'forest': expected one of logistic, linear, gbt, external");
    }

    @Test
    void shouldCountUnseenCategoriesAndStillScoreThem() throws IOException {
        ModelPackage model = creditModel(Algorithm.LOGISTIC, "credit");
        List<String> lines = Files.readAllLines(Datasets.file("german-credit-test.csv"));
        long changed = lines.stream().skip(1).filter(l -> l.contains(",radio/tv,")).count();
        Path renamed = temp.resolve("renamed.csv");
        Files.write(renamed, lines.stream().map(l -> l.replace(",radio/tv,", ",spaceship,")).toList());
        Predictions original = Scoring.score(model, Datasets.file("german-credit-test.csv"), ReadOptions.defaults());
        Predictions unseen = Scoring.score(model, renamed, ReadOptions.defaults());
        assertThat(original.unseen()).isZero();
        assertThat(changed).isGreaterThan(10);
        assertThat(unseen.unseen()).isEqualTo(changed);
        assertThat(unseen.size()).isEqualTo(original.size());
    }

    @Test
    void shouldNameTheFileWhenScoringDataLacksTheTarget() throws IOException {
        ModelPackage model = creditModel(Algorithm.LOGISTIC, "credit");
        List<String> lines = Files.readAllLines(Datasets.file("german-credit-test.csv"));
        Path noTarget = temp.resolve("no-target.csv");
        Files.write(noTarget, lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        assertThatThrownBy(() -> Scoring.score(model, noTarget, ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(noTarget.toString())
                .hasMessageContaining("the target column 'class' is not in the data");
    }

    @Test
    void shouldNameTheCorruptedModelFile() throws IOException {
        creditModel(Algorithm.GBT, "gbt");
        Path file = temp.resolve("gbt/xgboost-model.json");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelPackage.load(temp.resolve("gbt")))
                .isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("xgboost-model.json: the file is corrupted or was changed");

        creditModel(Algorithm.LOGISTIC, "logistic");
        Files.delete(temp.resolve("logistic/coefficients.json"));
        assertThatThrownBy(() -> ModelPackage.load(temp.resolve("logistic")))
                .hasMessageContaining("coefficients.json: the file is missing");
    }

    @Test
    void shouldRefuseAPackageOfANewerFormatSayingWhichVersionItReads() throws IOException {
        creditModel(Algorithm.LOGISTIC, "model");
        Path metadata = temp.resolve("model/model.json");
        Files.writeString(metadata, Files.readString(metadata).replace("\"formatVersion\" : 1",
                "\"formatVersion\" : 2"));
        assertThatThrownBy(() -> ModelPackage.load(temp.resolve("model")))
                .isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("this build reads format version 1");
    }

    @Test
    void shouldRefuseAZipEntryThatEscapesThePackage() throws IOException {
        Path zip = temp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("model.json"));
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("../evil"));
            out.write("owned".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> ModelPackage.load(zip))
                .isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("'../evil' would be extracted outside the package folder");
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), "evil")).doesNotExist();
    }

    @Test
    void shouldRefuseToReplaceAFolderThatIsNotAPackage() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(folder.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> creditModel(Algorithm.LOGISTIC, "mine"))
                .hasMessageContaining("exists and is not a model package");
        assertThat(folder.resolve("notes.txt")).hasContent("keep me");
        try (var list = Files.list(temp)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("mine");
        }
    }

    @Test
    void shouldRefuseToScoreAModelWithoutPredictorForARowLackingAFeature() {
        ModelPackage model = creditModel(Algorithm.LOGISTIC, "credit");
        assertThatThrownBy(() -> model.predict(Map.of("duration", 12)))
                .isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("no value for the feature 'checking_status'");
        Map<String, Object> row = new HashMap<>();
        model.metadata().features().forEach(f -> row.put(f.name(), null));
        row.put("duration", "long");
        assertThatThrownBy(() -> model.predict(row)).hasMessageContaining("'duration' is numeric, but the row holds 'long'");
    }

    @Test
    void shouldExplainThatOrdinaryLeastSquaresFailsOnAFullOneHotSet() {
        // day_of_week's seven 0/1 inputs add up to the intercept's column: without a penalty there is no unique fit
        assertThatThrownBy(() -> Trainer.train(Datasets.file("chicago-ridership-train.csv"),
                TrainOptions.of(Algorithm.LINEAR, "ridership").withHyperparameters(Map.of("l2", "0")),
                temp.resolve("out")))
                .isInstanceOf(TrainException.class)
                .hasMessage("Ridge regression: the inputs are collinear and l2 is 0.0; use l2 > 0 (for example l2=1.0)");
        assertThat(temp.resolve("out")).doesNotExist();
    }
}
