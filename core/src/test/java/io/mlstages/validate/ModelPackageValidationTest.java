package io.mlstages.validate;

import io.mlstages.metrics.Metrics;
import io.mlstages.metrics.Evaluation;

import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.report.ValidationJUnit;
import io.mlstages.report.ValidationReportJson;
import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.mlstages.validate.ValidationFixtures.dataset;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation end to end on packages the training half builds: a logistic regression on every breast-cancer feature
 * (strong) and one on a single weak feature, scored on the held-out test table.
 */
class ModelPackageValidationTest {
    @TempDir
    Path dir;

    private ModelPackage train(final String name, final List<String> features) {
        TrainOptions options = TrainOptions.of(Algorithm.LOGISTIC, "diagnosis").withHoldout(0);
        if (!features.isEmpty()) {
            options = options.withFeatures(features);
        }
        return Trainer.train(dataset("breast-cancer-train.csv"), options, dir.resolve(name));
    }

    private static ValidationReport validate(final ModelPackage candidate, final ModelPackage baseline,
            final Path data, final List<Gate> extra) {
        TrainingData training = TrainingData.of(candidate);
        EvaluationData evaluated = EvaluationData.read(data, ReadOptions.defaults(), training);
        Evaluation evaluation = Metrics.evaluate(Scoring.score(candidate, data, ReadOptions.defaults()));
        ValidationInput input = ValidationInput.of(ModelIdentity.of(candidate), evaluation,
                data.getFileName().toString(), evaluated.sha256()).withData(training, evaluated);
        if (baseline != null) {
            input = input.withBaseline(ModelIdentity.of(baseline),
                    Metrics.evaluate(Scoring.score(baseline, data, ReadOptions.defaults())));
        }
        List<Gate> gates = new ArrayList<>(Gate.dataDefaults());
        gates.addAll(extra);
        return Gates.check(input, gates);
    }

    @Test
    void shouldBlessTheStrongModelAndNotTheWeakOneAgainstIt() throws IOException {
        ModelPackage strong = train("strong", List.of());
        // texture_error alone: ROC AUC about 0.53 on the test table (mean_fractal_dimension, weak too, happens to differ
        // between the two random halves at p = 0.045, which would fail the drift gate of a one-feature model)
        ModelPackage weak = train("weak", List.of("texture_error"));
        Path test = dataset("breast-cancer-test.csv");

        ValidationReport passed = validate(strong, weak, test, List.of(Gate.parseMin("accuracy=0.95")));
        String sha = ValidationReportJson.write(passed, dir.resolve("strong.json"));
        ValidationJUnit.write(passed, dir.resolve("strong.xml"));

        assertThat(passed.failed()).isEmpty();
        assertThat(passed.drift()).isNotNull();
        assertThat(ValidationReportJson.read(dir.resolve("strong.json"))).isEqualTo(passed);
        assertThat(passed.model().name()).isEqualTo("strong");
        assertThat(passed.model().sha256()).isEqualTo(DataReader.sha256(strong.location().resolve("model.json")));
        assertThat(passed.dataSha256()).isEqualTo(DataReader.sha256(test));
        assertThat(Blessing.apply(strong.location(), passed, sha)).isPresent();
        // a blessing is an extra file the package's integrity check leaves alone
        assertThat(ModelPackage.load(strong.location()).metadata().target()).isEqualTo("diagnosis");
        assertThat(Blessing.read(strong.location()).orElseThrow().reportSha256())
                .isEqualTo(DataReader.sha256(dir.resolve("strong.json")));

        ValidationReport failed = validate(weak, strong, test, List.of());
        assertThat(failed.passed()).isFalse();
        assertThat(failed.failed()).extracting(GateResult::name).containsExactly("roc_auc vs baseline");
        assertThat(Blessing.apply(weak.location(), failed, ValidationReportJson.sha256(failed))).isEmpty();
        assertThat(Files.exists(weak.location().resolve(Blessing.FILE_NAME))).isFalse();

        // the strong model re-validated under a bar it misses loses its blessing
        ValidationReport stricter = validate(strong, null, test, List.of(Gate.parseMin("accuracy=0.999")));
        assertThat(Blessing.apply(strong.location(), stricter, ValidationReportJson.sha256(stricter))).isEmpty();
        assertThat(Blessing.read(strong.location())).isEmpty();
    }

    @Test
    void shouldReportASchemaMismatchWithoutScoring() throws IOException {
        ModelPackage strong = train("strong", List.of());
        List<String> lines = Files.readAllLines(dataset("breast-cancer-test.csv"));
        List<String> cut = new ArrayList<>();
        for (String line : lines) {
            cut.add(line.substring(line.indexOf(',') + 1)); // drop mean_radius
        }
        Path data = dir.resolve("without-radius.csv");
        Files.write(data, cut);
        TrainingData training = TrainingData.of(strong);
        EvaluationData evaluated = EvaluationData.read(data, ReadOptions.defaults(), training);

        assertThat(Gates.schemaMatches(training, evaluated)).isFalse();
        ValidationReport report = Gates.check(ValidationInput.unscored(ModelIdentity.of(strong),
                strong.metadata().task(), data.getFileName().toString(), evaluated.sha256())
                .withData(training, evaluated), List.of(new Gate.SchemaMatch(), Gate.parseMin("accuracy=0.9")));

        assertThat(report.metrics()).isNull();
        assertThat(report.gates()).extracting(GateResult::passed).containsExactly(false, false);
        assertThat(report.gates().get(0).message()).startsWith("1 of 30 features missing: 'mean_radius'");
        assertThat(report.gates().get(1).message()).contains("not computed");
        assertThat(ValidationReportJson.toString(report)).contains("\"metrics\" : null");
        assertThat(io.mlstages.report.ValidationTable.toText(report)).contains("metrics: not computed");
    }
}
