package io.mlstages.validate;

import io.mlstages.metrics.Evaluation;

import io.mlstages.data.Column;
import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.metrics.Task;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/** Shared inputs of the validation tests: resource files, the real data sets, training descriptions. */
final class ValidationFixtures {
    private ValidationFixtures() {
    }

    /** A file under src/test/resources/validate. */
    static Path resource(final String name) {
        try {
            return Path.of(ValidationFixtures.class.getResource("/validate/" + name).toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real data sets at the repository root; the test is skipped, saying so, when they are absent. */
    static Path dataset(final String name) {
        String configured = System.getenv("MLSTAGES_DATASETS");
        for (Path folder : configured != null ? List.of(Path.of(configured))
                : List.of(Path.of("..", "test-resources", "datasets"), Path.of("test-resources", "datasets"))) {
            if (Files.isRegularFile(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        Assumptions.assumeTrue(false, "test-resources/datasets/" + name + " is not in this checkout");
        return null;
    }

    /** What a model trained on this file would record: every column but the target (and excluded ones) as a feature. */
    static TrainingData training(final Path file, final String target, final String... excluded) {
        List<Column> features = new ArrayList<>();
        try (RowSource source = DataReader.open(file, ReadOptions.defaults())) {
            for (Column column : source.schema().columns()) {
                if (!column.name().equals(target) && !List.of(excluded).contains(column.name())) {
                    features.add(column);
                }
            }
        }
        Profile profile = Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults());
        return new TrainingData(features, target, profile);
    }

    /** A small evaluation with the given metric values. */
    static Evaluation evaluation(final Task task, final Map<String, Double> metrics) {
        List<String> classes = task == Task.REGRESSION ? List.of() : task == Task.BINARY ? List.of("a", "b")
                : List.of("a", "b", "c");
        long[][] confusion = task == Task.REGRESSION ? null : new long[classes.size()][classes.size()];
        return new Evaluation(task, 100, classes, metrics, confusion, List.of());
    }
}
