package io.mlstages.registry;

import io.mlstages.data.ReadOptions;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real model packages for the registry tests: logistic regressions trained on the breast-cancer table, one of
 * them blessed by a real validation on the held-out table.
 */
final class Packages {
    static final String TARGET = "diagnosis";

    private Packages() {
    }

    static Path dataset(final String name) {
        return io.mlstages.TestData.dataset(name);
    }

    /** A logistic regression on every feature, unblessed. */
    static ModelPackage train(final Path output) {
        return Trainer.train(dataset("breast-cancer-train.csv"), TrainOptions.of(Algorithm.LOGISTIC, TARGET),
                output);
    }

    /** A logistic regression on two features only: a different schema, worse metrics. */
    static ModelPackage trainSmall(final Path output) {
        return Trainer.train(dataset("breast-cancer-train.csv"), TrainOptions.of(Algorithm.LOGISTIC, TARGET)
                .withFeatures(List.of("mean_radius", "texture_error")), output);
    }

    /**
     * A logistic regression on two features of the table's columns only: the smallest real package (its profile
     * covers three columns instead of thirty-one), for tests that register it hundreds of times.
     */
    static ModelPackage trainTiny(final Path output) throws IOException {
        List<String> lines = Files.readAllLines(dataset("breast-cancer-train.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int[] keep = {header.indexOf("mean_radius"), header.indexOf("texture_error"), header.indexOf(TARGET)};
        StringBuilder csv = new StringBuilder();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            csv.append(cells[keep[0]]).append(',').append(cells[keep[1]]).append(',').append(cells[keep[2]])
                    .append('\n');
        }
        Path data = output.resolveSibling(output.getFileName() + "-data.csv");
        Files.writeString(data, csv);
        return Trainer.train(data, TrainOptions.of(Algorithm.LOGISTIC, TARGET), output);
    }

    /** Validates a package on the held-out table with an accuracy gate and blesses it; fails if it does not pass. */
    static void bless(final ModelPackage model, final Path reportDir) throws IOException {
        bless(model, reportDir, 0.9);
    }

    /** As {@link #bless(ModelPackage, Path)} with the given minimum accuracy. */
    static void bless(final ModelPackage model, final Path reportDir, final double minAccuracy) throws IOException {
        Path test = dataset("breast-cancer-test.csv");
        ValidationInput input = ValidationInput.of(ModelIdentity.of(model),
                Metrics.evaluate(Scoring.score(model, test, ReadOptions.defaults())), test.getFileName().toString(),
                null);
        ValidationReport report = Gates.check(input, List.of(Gate.parseMin("accuracy=" + minAccuracy)));
        Files.createDirectories(reportDir);
        String sha = ValidationReportJson.write(report, reportDir.resolve("report.json"));
        assertTrue(Blessing.apply(model.location(), report, sha).isPresent(), "the model should pass validation");
    }
}
