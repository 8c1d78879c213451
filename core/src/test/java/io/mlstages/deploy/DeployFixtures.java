package io.mlstages.deploy;

import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Metrics;
import io.mlstages.report.ValidationReportJson;
import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import io.mlstages.validate.Blessing;
import io.mlstages.validate.Gate;
import io.mlstages.validate.Gates;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.ValidationInput;
import io.mlstages.validate.ValidationReport;

import java.nio.file.Path;
import java.util.List;

/** Real packages for the deployment tests: logistic regressions trained on the breast-cancer table. */
final class DeployFixtures {
    private DeployFixtures() {
    }

    /** A real data set of the repository; a missing one fails the test. */
    static Path dataset(final String name) {
        return io.mlstages.TestData.dataset(name);
    }

    /** Trains a package into {@code dir}; seeds differ so that two packages differ in content. */
    static Path train(final Path dir, final long seed) {
        TrainOptions options = TrainOptions.of(Algorithm.LOGISTIC, "diagnosis").withSeed(seed);
        return Trainer.train(dataset("breast-cancer-train.csv"), options, dir).location();
    }

    /**
     * Trains a package and blesses it the way {@code mlstages validate --bless} does: scored on the held-out test
     * table, a minimum-accuracy gate, the blessing written when it passes.
     */
    static Path trainBlessed(final Path dir, final long seed) {
        Path location = train(dir, seed);
        ModelPackage model = ModelPackage.load(location);
        Path test = dataset("breast-cancer-test.csv");
        Evaluation evaluation = Metrics.evaluate(Scoring.score(model, test, ReadOptions.defaults()));
        ValidationReport report = Gates.check(ValidationInput.of(ModelIdentity.of(model), evaluation,
                test.getFileName().toString(), DataReader.sha256(test)), List.of(Gate.parseMin("accuracy=0.9")));
        Blessing.write(location, report, ValidationReportJson.sha256(report));
        return location;
    }
}
