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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


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

    /** A real data set of the repository; a missing one fails the test. */
    static Path dataset(final String name) {
        return io.mlstages.TestData.dataset(name);
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
